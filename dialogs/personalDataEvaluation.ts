/**
 * How well personal data is kept out of what the bot stores, measured on labelled messages written apart from the
 * code (`npm run privacy:test`, and the tuning half in jest).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { PersonalDataFinder } from './personalData';

/** One labelled message: what in it is personal (must not be kept) and what must survive. */
export interface LabelledMessage {
  text: string;
  audience: string;
  personal: string[];
  kinds: string[];
  keep?: string[];
}

/** The labelled sets, written apart from the code: `tuning*.yaml` (rules were shaped on them) and `blind.yaml` (never tuned on). */
export const PERSONAL_DATA_SETS = path.join(__dirname, '..', 'test', 'data', 'personal-data');

/** A set's messages: `tuning` is every `tuning*.yaml` (rules were shaped on them), `blind` is `blind.yaml` (figures only). */
export function readLabelledSet(name: 'tuning' | 'blind'): LabelledMessage[] {
  const files = readdirSync(PERSONAL_DATA_SETS).filter((file) => (name === 'blind' ? file === 'blind.yaml' : /^tuning.*\.ya?ml$/.test(file))).sort();
  return files.flatMap((file) => parse(readFileSync(path.join(PERSONAL_DATA_SETS, file), 'utf8')) as LabelledMessage[]);
}

/** What would be stored of each message, and which labelled pieces survive it. */
export interface SetFigures {
  withPersonal: number;
  /** Messages with personal data from which every piece was removed. */
  fullyRemoved: number;
  /** Pieces still in the stored text, with their message. */
  leaks: { text: string; piece: string; kinds: string[] }[];
  withoutPersonal: number;
  /** Messages without personal data stored exactly as sent. */
  untouched: number;
  /** Words that had to survive (countries, ages, the question) but did not. */
  lost: { text: string; piece: string; stored: string }[];
}

export function measure(cases: readonly LabelledMessage[], finder: PersonalDataFinder): SetFigures {
  const figures: SetFigures = { withPersonal: 0, fullyRemoved: 0, leaks: [], withoutPersonal: 0, untouched: 0, lost: [] };
  for (const c of cases) {
    const stored = finder.find(c.text)?.redacted ?? c.text;
    const leaks = c.personal.filter((piece) => stored.toLowerCase().includes(piece.toLowerCase()));
    if (c.personal.length > 0) {
      figures.withPersonal++;
      if (leaks.length === 0) figures.fullyRemoved++;
      figures.leaks.push(...leaks.map((piece) => ({ text: c.text, piece, kinds: c.kinds })));
    } else {
      figures.withoutPersonal++;
      if (stored === c.text) figures.untouched++;
    }
    for (const piece of c.keep ?? []) if (!stored.includes(piece)) figures.lost.push({ text: c.text, piece, stored });
  }
  return figures;
}
