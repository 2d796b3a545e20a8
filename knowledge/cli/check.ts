import path from 'node:path';
import { readVerifiedFacts, uncitedFacts } from '../coverage';
import { formatProblem, KnowledgeError } from '../errors';
import { DEFAULT_KNOWLEDGE_FOLDER, loadKnowledgeBase } from '../load';
import { AUDIENCES } from '../types';

/** `npm run kb:check [FOLDER]`: validates the knowledge base, prints entries per area and audience, exits 1 on any problem. */
function main(): number {
  const folder = path.resolve(process.argv[2] ?? DEFAULT_KNOWLEDGE_FOLDER);
  try {
    const kb = loadKnowledgeBase(folder);
    const areas = new Map<string, number>();
    for (const entry of kb.entries) areas.set(entry.area, (areas.get(entry.area) ?? 0) + 1);
    const lines = [`Knowledge base OK: ${kb.entries.length} entries, version ${kb.version}`, '', 'Entries per area:'];
    for (const [area, count] of [...areas].sort()) lines.push(`  ${area.padEnd(20)} ${count}`);
    lines.push('', 'Entries per audience (listed for / with its own answer):');
    for (const audience of AUDIENCES) {
      const listed = kb.entries.filter((e) => e.audiences.includes(audience)).length;
      const tailored = kb.entries.filter((e) => e.answers[audience] !== undefined).length;
      lines.push(`  ${audience.padEnd(20)} ${String(listed).padStart(3)} / ${tailored}`);
    }
    const questions = kb.entries.reduce((sum, e) => sum + e.questions.length, 0);
    lines.push('', `Questions: ${questions}; synonyms: ${kb.lexicon.synonyms.size}; topics: ${kb.topics.length}; guided flows: ${kb.flows.size}`);
    const verified = readVerifiedFacts(path.join(folder, 'verified-facts.yaml'));
    const uncited = uncitedFacts(kb, verified);
    lines.push(`Verified facts of the brief cited by an entry: ${verified.size - uncited.length} of ${verified.size}${uncited.length ? ` (not yet: ${uncited.join(', ')})` : ''}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`Knowledge base has ${error.problems.length} problem(s):\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
}

process.exitCode = main();
