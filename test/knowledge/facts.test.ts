import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allServices } from '../../knowledge/helplines';
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

describe('every helpline, emergency number and safety step comes from the brief', () => {
  const { safety } = loadKnowledgeBase(REAL_KB);
  const { helplines, answers } = safety;
  const services = allServices(helplines);
  const texts = [
    helplines.international.emergency,
    ...helplines.countries.map((country) => country.emergency),
    ...services.flatMap((service) => [service.phone, service.text, service.note].filter((t): t is string => Boolean(t))),
    ...Object.values(answers).flatMap((answer) => [...Object.values(answer.opening), ...Object.values(answer.steps).flat()]),
  ];

  itWithReference('uses only numbers written in the reference files', () => {
    const known = new Set(numbersIn(readReference()));
    expect(texts.flatMap((text) => numbersIn(text).filter((digits) => !known.has(digits)).map((digits) => `${digits} in "${text}"`))).toEqual([]);
  });

  it('gives every country an emergency number, a child helpline and sources', () => {
    for (const country of helplines.countries) {
      expect({ country: country.id, emergency: country.emergency.length > 0, helplines: country.childHelplines.length > 0, sources: country.emergencySource.length > 0 }).toEqual({ country: country.id, emergency: true, helplines: true, sources: true });
    }
    expect(services.every((service) => service.source.length > 0)).toBe(true);
  });

  itWithReference('covers every country of helplines.md', () => {
    const listed = new Set(helplines.countries.map((country) => country.name.toLowerCase()));
    const names = ['united kingdom', 'ireland', 'usa', 'canada', 'australia', 'new zealand', 'france', 'germany', 'spain', 'italy', 'india', 'south africa'];
    expect(names.filter((name) => ![...listed].some((l) => l.includes(name) || (name === 'usa' && l.includes('united states'))))).toEqual([]);
  });
});
