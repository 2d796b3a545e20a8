import { existsSync } from 'node:fs';
import path from 'node:path';
import { readVerifiedFacts, uncitedFacts } from './coverage';
import { AUDIENCES, type KnowledgeBase } from './types';

/**
 * What `kb:check` prints of a valid knowledge base: entries per area and per audience, questions, synonyms,
 * topics, flows, and how many of the brief's verified facts (the folder's verified-facts.yaml) an entry cites.
 */
export function knowledgeOverview(kb: KnowledgeBase, folder: string): string {
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
  const factsFile = path.join(folder, 'verified-facts.yaml');
  if (!existsSync(factsFile)) {
    lines.push('Verified facts: none listed (no verified-facts.yaml in this folder)');
  } else {
    const verified = readVerifiedFacts(factsFile);
    const uncited = uncitedFacts(kb, verified);
    lines.push(`Verified facts of the brief cited by an entry: ${verified.size - uncited.length} of ${verified.size}${uncited.length ? ` (not yet: ${uncited.join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
