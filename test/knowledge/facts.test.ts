import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';

// The curated brief lives beside the project (shared/reference), as on every developer's machine and in CI.
const REFERENCE = path.join(__dirname, '..', '..', '..', 'shared', 'reference');
const itWithReference = existsSync(REFERENCE) ? it : it.skip;
const readReference = () => ['cop-facts-raw.md', 'helplines.md'].map((name) => readFileSync(path.join(REFERENCE, name), 'utf8')).join('\n');

/** Runs of digits, joined by single spaces, hyphens or dots ("0800 1111", "1-800-843-5678"), as digit strings. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d(?:\d|[ \-.](?=\d))*/g)].map((m) => m[0].replace(/\D/g, '')).filter((digits) => digits.length >= 3);
}

function hostsAndPathsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0].replace(/[.,;:]+$/, '').replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''));
}

describe('every number and link in an answer comes from the brief', () => {
  const kb = loadKnowledgeBase(REAL_KB);
  const answers = kb.entries.flatMap((entry) => [entry.answer, ...Object.values(entry.answers)].map((text) => ({ id: entry.id, text })));

  itWithReference('uses only phone numbers, figures and dates written in the reference files', () => {
    const known = new Set(numbersIn(readReference()));
    const unknown = answers.flatMap(({ id, text }) => numbersIn(text).filter((digits) => !known.has(digits)).map((digits) => `${id}: ${digits}`));
    expect(unknown).toEqual([]);
  });

  itWithReference('links only to addresses written in the reference files', () => {
    const reference = readReference();
    const unknown = answers.flatMap(({ id, text }) => hostsAndPathsIn(text).filter((link) => !reference.includes(link)).map((link) => `${id}: ${link}`));
    expect(unknown).toEqual([]);
  });
});
