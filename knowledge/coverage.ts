import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KnowledgeBase } from './types';

/** How an entry's `source` cites a note of the brief: `cop-facts-raw A1`. */
const CITATION = /\bcop-facts-raw ([A-Z]\d+)\b/g;

/** The verified facts of the brief, by note id (from knowledge/content/verified-facts.yaml). */
export function readVerifiedFacts(file: string): Map<string, string> {
  const data = parse(readFileSync(file, 'utf8')) as { verifiedFacts: Record<string, string> };
  return new Map(Object.entries(data.verifiedFacts));
}

/** Note ids cited by at least one entry. */
export function citedFacts(kb: KnowledgeBase): Set<string> {
  const cited = new Set<string>();
  for (const entry of kb.entries) for (const source of entry.source) for (const match of source.matchAll(CITATION)) cited.add(match[1]);
  return cited;
}

/** Verified facts that no entry cites, i.e. that no user can reach. */
export function uncitedFacts(kb: KnowledgeBase, verified: Map<string, string>): string[] {
  const cited = citedFacts(kb);
  return [...verified.keys()].filter((id) => !cited.has(id));
}
