import path from 'node:path';
import { formatProblem, KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import { loadConfig } from '../config';
import { exportQna } from '../../knowledge/qna/export';
import { writeFileAtomically } from '../../knowledge/qna/files';
import { parseCommand, runCommand, usageError } from './command';

const USAGE = `Usage: npm run kb:export -- OUT.tsv [--kb FOLDER]

Writes the knowledge base as a QnA Maker / Custom Question Answering TSV file (OUT.tsv, or - for standard output).
  --kb FOLDER   the knowledge folder to export (default: KB_DIR, knowledge/content/)
Exit status: 0 written, 1 the knowledge base has problems or the file cannot be written, 2 bad usage.`;

/** `npm run kb:export -- OUT.tsv [--kb FOLDER]`. */
function main(argv: string[]): number {
  const args = parseCommand('kb:export', USAGE, argv, { kb: { type: 'string' } });
  if (typeof args === 'number') return args;
  if (args.positionals.length !== 1) return usageError('kb:export', USAGE, args.positionals.length === 0 ? 'name the TSV file to write' : `one file at a time (got ${args.positionals.join(', ')})`);
  const out = args.positionals[0];
  const folder = path.resolve(typeof args.values.kb === 'string' ? args.values.kb : loadConfig().knowledgeFolder);

  let result: ReturnType<typeof exportQna>;
  try {
    result = exportQna(loadKnowledgeBase(folder).entries);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`kb:export: the knowledge base has ${error.problems.length} problem(s); nothing written:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  if (out === '-') {
    process.stdout.write(result.text);
  } else {
    try {
      writeFileAtomically(out, result.text);
    } catch (error) {
      process.stderr.write(`kb:export: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
      return 1;
    }
  }
  const rows = result.text.split('\n').length - 2;
  for (const note of result.notes) process.stderr.write(`Note: ${note}\n`);
  process.stderr.write(`Exported ${result.qnaIds.size} entries (${rows} rows, QnaId 1 to ${result.qnaIds.size}) to ${out === '-' ? 'standard output' : out}.\n`);
  return 0;
}

runCommand(() => main(process.argv.slice(2)));
