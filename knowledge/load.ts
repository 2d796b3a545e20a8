import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import contentSchema from './schema.json';
import synonymsSchema from './synonyms.schema.json';
import topicsSchema from './topics.schema.json';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import { buildSynonymTable, searchForm, splitWords } from './normalise';
import { readCheckedYaml, type CheckedYaml } from './yamlFile';
import type { Audience, Entry, KnowledgeBase, Lexicon, Topic } from './types';

interface RawEntry {
  id: string;
  questions: string[];
  tags?: string[];
  answer: string;
  answers?: Partial<Record<Audience, string>>;
  audiences: Audience[];
  followUps?: string[];
  source: string[];
  short?: string;
  contextOnly?: boolean;
}
interface RawContentFile {
  entries: RawEntry[];
}
interface RawSynonymsFile {
  synonyms: Record<string, string[]>;
  stopWords: string[];
}
interface RawTopicsFile {
  topics: { label: string; entry: string }[];
  examples: string[];
}

/** The files of a knowledge folder: `content/*.yaml`, `synonyms.yaml` and `topics.yaml`. */
export function knowledgeFiles(folder: string): { content: string[]; synonyms: string; topics: string } {
  const contentFolder = path.join(folder, 'content');
  let names: string[];
  try {
    names = readdirSync(contentFolder).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    throw new KnowledgeError([{ file: contentFolder, line: 0, reason: 'the content folder cannot be read' }]);
  }
  return {
    content: names.map((name) => path.join(contentFolder, name)),
    synonyms: path.join(folder, 'synonyms.yaml'),
    topics: path.join(folder, 'topics.yaml'),
  };
}

function readText(file: string, problems: KnowledgeProblem[], shownAs: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file: shownAs, line: 0, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return undefined;
  }
}

function toEntry(raw: RawEntry, file: string, line: number): Entry {
  return {
    id: raw.id,
    area: raw.id.split('.')[0],
    questions: raw.questions.map((q) => q.trim()),
    tags: raw.tags ?? [],
    answer: raw.answer.trim(),
    answers: Object.fromEntries(Object.entries(raw.answers ?? {}).map(([audience, text]) => [audience, text.trim()])),
    audiences: raw.audiences,
    followUps: raw.followUps ?? [],
    source: raw.source,
    short: raw.short,
    contextOnly: raw.contextOnly ?? false,
    origin: { file, line },
  };
}

/**
 * Loads and validates a whole knowledge folder. Throws a {@link KnowledgeError} listing every problem
 * (file, line and reason) when anything is wrong; never returns a half-valid base.
 */
export function loadKnowledgeBase(folder: string): KnowledgeBase {
  const files = knowledgeFiles(folder);
  const problems: KnowledgeProblem[] = [];
  const hash = createHash('sha256');
  const shown = (file: string) => path.relative(path.dirname(path.resolve(folder)), path.resolve(file));

  function read<T>(file: string, schema: object): CheckedYaml<T> | undefined {
    const text = readText(file, problems, shown(file));
    if (text === undefined) return undefined;
    hash.update(`${path.basename(file)}\0${text}\0`);
    const result = readCheckedYaml<T>(text, shown(file), schema);
    if ('problems' in result) {
      problems.push(...result.problems);
      return undefined;
    }
    return result;
  }

  const lexicon = readLexicon(read<RawSynonymsFile>(files.synonyms, synonymsSchema), shown(files.synonyms), problems);

  const entries: Entry[] = [];
  const followUpLines = new Map<Entry, number[]>();
  for (const file of files.content) {
    const checked = read<RawContentFile>(file, contentSchema);
    if (!checked) continue;
    checked.data.entries.forEach((raw, index) => {
      const entry = toEntry(raw, shown(file), checked.lineOf(['entries', index]));
      entries.push(entry);
      followUpLines.set(entry, entry.followUps.map((_, i) => checked.lineOf(['entries', index, 'followUps', i])));
      checkAnswerLengths(entry, (path) => checked.lineOf(['entries', index, ...path]), problems);
    });
  }
  if (files.content.length === 0) problems.push({ file: shown(path.join(folder, 'content')), line: 0, reason: 'no .yaml files: the knowledge base would be empty' });

  const byId = new Map<string, Entry>();
  for (const entry of entries) {
    const first = byId.get(entry.id);
    if (first) {
      problems.push({ ...entry.origin, reason: `duplicate id "${entry.id}" (first defined at ${first.origin.file}:${first.origin.line})` });
    } else {
      byId.set(entry.id, entry);
    }
  }
  for (const entry of entries) {
    entry.followUps.forEach((target, i) => {
      const line = followUpLines.get(entry)?.[i] ?? entry.origin.line;
      if (!byId.has(target)) problems.push({ file: entry.origin.file, line, reason: `entry "${entry.id}": follow-up "${target}" is not the id of any entry` });
      else if (target === entry.id) problems.push({ file: entry.origin.file, line, reason: `entry "${entry.id}" lists itself as a follow-up` });
    });
  }
  if (lexicon) checkQuestionsAreDistinct(entries, lexicon, problems);

  const topicsFile = read<RawTopicsFile>(files.topics, topicsSchema);
  const topics: Topic[] = [];
  if (topicsFile) {
    topicsFile.data.topics.forEach((topic, i) => {
      if (!byId.has(topic.entry)) problems.push({ file: shown(files.topics), line: topicsFile.lineOf(['topics', i, 'entry']), reason: `topic "${topic.label}": "${topic.entry}" is not the id of any entry` });
      topics.push({ label: topic.label, entryId: topic.entry });
    });
    topicsFile.data.examples.forEach((id, i) => {
      if (!byId.has(id)) problems.push({ file: shown(files.topics), line: topicsFile.lineOf(['examples', i]), reason: `example "${id}" is not the id of any entry` });
    });
  }

  if (problems.length > 0 || !lexicon || !topicsFile) throw new KnowledgeError(problems);
  return {
    entries,
    byId,
    lexicon,
    topics,
    examples: topicsFile.data.examples,
    version: hash.digest('hex').slice(0, 12),
    loadedAt: new Date(),
  };
}

function readLexicon(checked: CheckedYaml<RawSynonymsFile> | undefined, file: string, problems: KnowledgeProblem[]): Lexicon | undefined {
  if (!checked) return undefined;
  const owner = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(checked.data.synonyms)) {
    for (const variant of [canonical, ...variants]) {
      const phrase = splitWords(variant).join(' ');
      const previous = owner.get(phrase);
      if (previous !== undefined && previous !== canonical) {
        problems.push({ file, line: checked.lineOf(['synonyms', canonical]), reason: `"${variant}" is listed under both "${previous}" and "${canonical}"` });
      }
      owner.set(phrase, canonical);
    }
  }
  return { synonyms: buildSynonymTable(checked.data.synonyms), stopWords: new Set(checked.data.stopWords) };
}

/** Chat answers must be quick to read: {@link MAX_ANSWER_WORDS} words, fewer for children. */
export const MAX_ANSWER_WORDS = 120;
export const MAX_CHILD_ANSWER_WORDS = 60;

const countWords = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

function checkAnswerLengths(entry: Entry, lineOf: (path: (string | number)[]) => number, problems: KnowledgeProblem[]): void {
  const answers: [string[], string, number][] = [[['answer'], entry.answer, MAX_ANSWER_WORDS]];
  for (const [audience, text] of Object.entries(entry.answers)) {
    answers.push([['answers', audience], text, audience === 'children' ? MAX_CHILD_ANSWER_WORDS : MAX_ANSWER_WORDS]);
  }
  for (const [path, text, limit] of answers) {
    const words = countWords(text);
    if (words > limit) problems.push({ file: entry.origin.file, line: lineOf(path), reason: `entry "${entry.id}": ${path.join('.')} has ${words} words; at most ${limit} read well in chat` });
  }
}

/** Two entries that share a question (once normalised) can never be told apart by the search. */
function checkQuestionsAreDistinct(entries: Entry[], lexicon: Lexicon, problems: KnowledgeProblem[]): void {
  const seen = new Map<string, Entry>();
  for (const entry of entries) {
    for (const question of entry.questions) {
      const form = searchForm(question, lexicon);
      if (!form) {
        problems.push({ ...entry.origin, reason: `entry "${entry.id}": question "${question}" has no searchable words (only stop words)` });
        continue;
      }
      const other = seen.get(form);
      if (other && other !== entry) {
        problems.push({ ...entry.origin, reason: `entry "${entry.id}": question "${question}" is the same, once normalised, as a question of "${other.id}"` });
      }
      seen.set(form, entry);
    }
  }
}
