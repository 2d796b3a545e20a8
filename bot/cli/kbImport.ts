import path from 'node:path';
import { formatProblem } from '../../knowledge/errors';
import { parseCommand, runCommand, usageError as commandUsageError } from './command';
import { readTextFile, writeFileAtomically } from '../../knowledge/qna/files';
import { AREA_PATTERN, importQnaExport, toContentYaml } from '../../knowledge/qna/import';

const USAGE = `Usage: npm run kb:import -- EXPORT.tsv [--area NAME] [--out FILE]

Converts a QnA Maker / Custom Question Answering TSV export into entries of knowledge/content/entries/*.yaml.
  --area NAME   area of the ids made for pairs without "entry:" metadata: NAME.qna-<QnaId> (default: imported)
  --out FILE    write the entries to FILE (default: standard output)
Skipped rows and everything worth checking are listed on standard error with their line.
Exit status: 0 imported (even with skipped rows), 1 nothing could be imported, 2 bad usage.`;

/** `npm run kb:import -- EXPORT.tsv [--area NAME] [--out FILE]`. */
function main(argv: string[]): number {
  const args = parseCommand('kb:import', USAGE, argv, { area: { type: 'string' }, out: { type: 'string' } });
  if (typeof args === 'number') return args;
  const usageError = (message: string) => commandUsageError('kb:import', USAGE, message);
  if (args.positionals.length !== 1) return usageError(args.positionals.length === 0 ? 'name the TSV file to import' : `one file at a time (got ${args.positionals.join(', ')})`);
  const area = typeof args.values.area === 'string' ? args.values.area : 'imported';
  if (!AREA_PATTERN.test(area)) return usageError(`--area "${area}" must be lower case letters, digits and hyphens, starting with a letter (e.g. faq)`);
  const input = args.positionals[0];
  const out = typeof args.values.out === 'string' ? args.values.out : undefined;
  if (out !== undefined && out.trim() === '') return usageError('--out needs a file name');

  let text: string;
  try {
    text = readTextFile(input);
  } catch (error) {
    process.stderr.write(`kb:import: cannot read ${input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing written\n`);
    return 1;
  }
  const result = importQnaExport(text, { area, file: input });
  if (result.fatal) {
    process.stderr.write(`kb:import: ${result.fatal}\nNothing written.\n`);
    return 1;
  }
  const problems = [...result.skipped, ...result.notes].sort((a, b) => a.line - b.line);
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);

  const questions = result.entries.reduce((sum, e) => sum + e.entry.questions.length, 0);
  const unfinished = result.entries.filter((e) => e.gaps.length > 0).length;
  const summary = `Imported ${result.entries.length} entries (${questions} questions) from ${result.rows} rows of ${input}; skipped ${result.skipped.length} rows.`;
  if (result.entries.length === 0) {
    process.stderr.write(`${summary}\nkb:import: nothing could be imported: nothing written.\n`);
    return 1;
  }
  const yaml = toContentYaml(result.entries, path.basename(input));
  if (out === undefined) {
    process.stdout.write(yaml);
  } else {
    try {
      writeFileAtomically(out, yaml);
    } catch (error) {
      process.stderr.write(`kb:import: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing written\n`);
      return 1;
    }
  }
  const next = unfinished > 0 ? ` ${unfinished} of them are marked "kb:import:" in the file: kb:check rejects them until they are finished.` : '';
  process.stderr.write(`${summary}${out === undefined ? '' : ` Written to ${out}.`}${next}\n`);
  return 0;
}

runCommand(() => main(process.argv.slice(2)));
