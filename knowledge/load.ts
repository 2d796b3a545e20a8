import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The schemas live with the content (organisers' editors check the YAML against them as they type), but they are the
// shape this code reads: whichever folder is loaded, it is checked against these, the project's own.
import entrySchema from './content/schemas/schema.json';
import synonymsSchema from './content/schemas/synonyms.schema.json';
import topicsSchema from './content/schemas/topics.schema.json';
import audiencesSchema from './content/schemas/audiences.schema.json';
import flowSchema from './content/schemas/flows.schema.json';
import helplinesSchema from './content/schemas/helplines.schema.json';
import safetySchema from './content/schemas/safety.schema.json';
import safetyAnswersSchema from './content/schemas/safety-answers.schema.json';
import safetyTrainingSchema from './content/schemas/safety-training.schema.json';
import trainingSchema from './content/schemas/training.schema.json';
import { SERVICE_LISTS, type HelplineBook, type SafetyAnswers, type ServiceLists } from './helplines';
import type { SafetyCategory, SafetyLexicon } from './safety';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import { buildConceptTable, buildSynonymTable, conceptInstance, foldText, searchForm, splitWords, type Lexicon } from './normalise';
import { DEFAULT_PARSED_CACHE, ParsedYamlCache } from './parsedYamlCache';
import { readCheckedYaml, yamlFilesIn, type CheckedYaml } from './yamlFile';
import { AUDIENCES, type Audience, type AudienceSetup, type Entry, type GuidedFlow, type KnowledgeBase, type SafetyTraining, type Topic, type TrainingData } from './types';

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
  helplinesByCountry?: boolean;
}
interface RawEntriesFile {
  entries: RawEntry[];
}
interface RawSynonymsFile {
  synonyms: Record<string, string[]>;
  stopWords: string[];
  concepts?: Record<string, string[]>;
}
interface RawTopicsFile {
  topics: { label: string; entry: string }[];
  examples: string[];
}
interface RawAudiencesFile {
  choices: AudienceSetup['choices'];
  profiles: Record<Audience, { greeting: string; menu: string[]; flow?: string; roles?: string[] }>;
  ageBands: AudienceSetup['ageBands'];
  trustedAdultReminder?: string;
  remindInAreas?: string[];
}
type RawFlowFile = Omit<GuidedFlow, 'origin'>;
interface RawSafetyFile {
  symbols?: Record<string, string>;
  spellings: Record<string, string>;
  negations: string[];
  informational: { weight: number; patterns: string[] };
  aboutOthers?: { weight: number; patterns: string[] };
  joking?: { patterns: string[] };
  confessing?: { weight: number; patterns: string[] };
  personal: { weight: number; patterns: string[] };
  signals: { category: SafetyCategory; weight: number; negatable?: boolean; patterns: string[] }[];
}
interface RawSafetyAnswersFile extends SafetyAnswers {
  registers: string[];
}
interface RawSafetyTrainingFile {
  disclosures?: Partial<Record<SafetyCategory, string[]>>;
  concerns?: string[];
  ordinary?: string[];
}
interface RawTrainingFile {
  provenance: string;
  examples?: Record<string, string[]>;
  outOfScope?: string[];
}

/** The project folder: files inside it are named from here in problems and reports, as organisers open them. */
const PROJECT_ROOT = path.resolve(__dirname, '..');

/**
 * The files of a knowledge folder: `entries/*.yaml`, `synonyms.yaml`, `topics.yaml`, `audiences.yaml`,
 * `flows/*.yaml`, `safety.yaml`, `helplines.yaml`, `safety-answers.yaml`, `training/*.yaml` and `safety-training/*.yaml`
 * (both optional).
 */
export function knowledgeFiles(folder: string): {
  entries: string[];
  synonyms: string;
  topics: string;
  audiences: string;
  flows: string[];
  safety: string;
  helplines: string;
  safetyAnswers: string;
  training: string[];
  safetyTraining: string[];
} {
  const entriesFolder = path.join(folder, 'entries');
  let entries: string[];
  try {
    entries = yamlFilesIn(entriesFolder);
  } catch {
    throw new KnowledgeError([{ file: entriesFolder, line: 0, reason: 'the entries folder cannot be read' }]);
  }
  const flowsFolder = path.join(folder, 'flows');
  const trainingFolder = path.join(folder, 'training');
  const safetyTrainingFolder = path.join(folder, 'safety-training');
  return {
    entries,
    synonyms: path.join(folder, 'synonyms.yaml'),
    topics: path.join(folder, 'topics.yaml'),
    audiences: path.join(folder, 'audiences.yaml'),
    flows: existsSync(flowsFolder) ? yamlFilesIn(flowsFolder) : [],
    safety: path.join(folder, 'safety.yaml'),
    helplines: path.join(folder, 'helplines.yaml'),
    safetyAnswers: path.join(folder, 'safety-answers.yaml'),
    training: existsSync(trainingFolder) ? yamlFilesIn(trainingFolder) : [],
    safetyTraining: existsSync(safetyTrainingFolder) ? yamlFilesIn(safetyTrainingFolder) : [],
  };
}

/**
 * How problems and entries name a file: from the project folder when the knowledge folder is inside it
 * (`knowledge/content/entries/event.yaml`, a path organisers can open from where they run the commands), else
 * from the knowledge folder's parent (`kb/entries/event.yaml`).
 */
function shownFrom(folder: string): (file: string) => string {
  const root = path.resolve(folder);
  const fromProject = path.relative(PROJECT_ROOT, root);
  const base = fromProject.startsWith('..') || path.isAbsolute(fromProject) ? path.dirname(root) : PROJECT_ROOT;
  return (file) => path.relative(base, path.resolve(file));
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
    ...(raw.helplinesByCountry ? { helplinesByCountry: true } : {}),
    origin: { file, line },
  };
}

/** The files of the last load, kept parsed: a start reads what the last one parsed (`null`: parse every file). */
const defaultParsedCache = new ParsedYamlCache(DEFAULT_PARSED_CACHE);

/**
 * Loads and validates a whole knowledge folder. Throws a {@link KnowledgeError} listing every problem
 * (file, line and reason) when anything is wrong; never returns a half-valid base.
 */
export function loadKnowledgeBase(folder: string, parsedCache: ParsedYamlCache | null = defaultParsedCache): KnowledgeBase {
  const files = knowledgeFiles(folder);
  const problems: KnowledgeProblem[] = [];
  const hash = createHash('sha256');
  const shown = shownFrom(folder);

  function read<T>(file: string, schema: object): CheckedYaml<T> | undefined {
    const text = readText(file, problems, shown(file));
    if (text === undefined) return undefined;
    hash.update(`${path.basename(file)}\0${text}\0`);
    const result = readCheckedYaml<T>(text, shown(file), schema, parsedCache ?? undefined);
    if ('problems' in result) {
      problems.push(...result.problems);
      return undefined;
    }
    return result;
  }

  const lexicon = readLexicon(read<RawSynonymsFile>(files.synonyms, synonymsSchema), shown(files.synonyms), problems);

  const entries: Entry[] = [];
  const followUpLines = new Map<Entry, number[]>();
  for (const file of files.entries) {
    const checked = read<RawEntriesFile>(file, entrySchema);
    if (!checked) continue;
    checked.data.entries.forEach((raw, index) => {
      const entry = toEntry(raw, shown(file), checked.lineOf(['entries', index]));
      entries.push(entry);
      followUpLines.set(entry, entry.followUps.map((_, i) => checked.lineOf(['entries', index, 'followUps', i])));
      checkAnswerLengths(entry, (path) => checked.lineOf(['entries', index, ...path]), problems);
    });
  }
  if (files.entries.length === 0) problems.push({ file: shown(path.join(folder, 'entries')), line: 0, reason: 'no .yaml files: the knowledge base would be empty' });

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

  const flows = new Map<string, GuidedFlow>();
  for (const file of files.flows) {
    const checked = read<RawFlowFile>(file, flowSchema);
    if (!checked) continue;
    const flow: GuidedFlow = { ...checked.data, origin: { file: shown(file), line: 1 } };
    const expectedId = path.basename(file).replace(/\.ya?ml$/, '');
    if (flow.id !== expectedId) problems.push({ file: shown(file), line: checked.lineOf(['id']), reason: `flow id "${flow.id}" must match the file name ("${expectedId}")` });
    flows.set(flow.id, flow);
    checkFlow(flow, (at) => checked.lineOf(at), byId, problems);
  }
  const audiencesFile = read<RawAudiencesFile>(files.audiences, audiencesSchema);
  const audiences = audiencesFile ? toAudienceSetup(audiencesFile, shown(files.audiences), byId, flows, problems) : undefined;
  if (audiences) for (const flow of flows.values()) checkFlowAgeBands(flow, audiences, problems);

  const safetyFile = read<RawSafetyFile>(files.safety, safetySchema);
  const safetyLexicon = safetyFile ? compileSafetyLexicon(safetyFile, shown(files.safety), problems) : undefined;
  const helplinesFile = read<HelplineBook>(files.helplines, helplinesSchema);
  const helplines = helplinesFile ? toHelplineBook(helplinesFile, shown(files.helplines), problems) : undefined;
  const safetyAnswersFile = read<RawSafetyAnswersFile>(files.safetyAnswers, safetyAnswersSchema);
  const safetyAnswers = safetyAnswersFile ? { headings: safetyAnswersFile.data.headings, checkIn: safetyAnswersFile.data.checkIn, categories: safetyAnswersFile.data.categories } : undefined;
  const training = readTraining(files.training.map((file) => ({ file: shown(file), checked: read<RawTrainingFile>(file, trainingSchema) })), byId, problems);
  const safetyTraining = readSafetyTraining(files.safetyTraining.map((file) => read<RawSafetyTrainingFile>(file, safetyTrainingSchema)));

  if (problems.length > 0 || !lexicon || !topicsFile || !audiences || !safetyLexicon || !helplines || !safetyAnswers) throw new KnowledgeError(problems);
  return {
    entries,
    byId,
    lexicon,
    topics,
    examples: topicsFile.data.examples,
    audiences,
    flows,
    safety: { lexicon: safetyLexicon, helplines, answers: safetyAnswers, training: safetyTraining },
    training,
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
  const synonyms = buildSynonymTable(checked.data.synonyms);
  const concepts = checked.data.concepts ?? {};
  const conceptOf = new Map<string, string>();
  for (const [concept, instances] of Object.entries(concepts)) {
    instances.forEach((instance, i) => {
      const word = conceptInstance(instance, synonyms);
      const line = checked.lineOf(['concepts', concept, i]);
      if (word === undefined) problems.push({ file, line, reason: `concept "${concept}": "${instance}" is several words; make it one with a synonym (smart-speaker: [smart speaker])` });
      const previous = word === undefined ? undefined : conceptOf.get(word);
      if (previous !== undefined && previous !== concept) problems.push({ file, line, reason: `"${instance}" is listed under both concepts "${previous}" and "${concept}"` });
      if (word !== undefined) conceptOf.set(word, concept);
    });
  }
  return { synonyms, stopWords: new Set(checked.data.stopWords), concepts: buildConceptTable(concepts, synonyms) };
}

type LineOf = (path: (string | number)[]) => number;

/** An id an audience file or a flow names must be an entry users can reach. */
function checkEntryRef(id: string | undefined, what: string, file: string, line: number, byId: ReadonlyMap<string, Entry>, problems: KnowledgeProblem[]): void {
  if (id !== undefined && !byId.has(id)) problems.push({ file, line, reason: `${what}: "${id}" is not the id of any entry` });
}

function checkFlow(flow: GuidedFlow, lineOf: LineOf, byId: ReadonlyMap<string, Entry>, problems: KnowledgeProblem[]): void {
  const { file } = flow.origin;
  const stepIds = new Set<string>();
  flow.steps.forEach((step, i) => {
    const line = lineOf(['steps', i]);
    if (stepIds.has(step.id)) problems.push({ file, line, reason: `flow "${flow.id}": step id "${step.id}" is used twice` });
    stepIds.add(step.id);
    if (!step.ask && !step.entry) problems.push({ file, line, reason: `flow "${flow.id}": step "${step.id}" needs "ask" or "entry"` });
    checkEntryRef(step.entry, `flow "${flow.id}", step "${step.id}"`, file, lineOf(['steps', i, 'entry']), byId, problems);
    const labels = new Set<string>();
    step.options.forEach((option, j) => {
      const optionLine = lineOf(['steps', i, 'options', j]);
      const folded = foldText(option.label);
      if (labels.has(folded)) problems.push({ file, line: optionLine, reason: `flow "${flow.id}", step "${step.id}": two options are labelled "${option.label}"` });
      labels.add(folded);
      checkEntryRef(option.entry, `flow "${flow.id}", step "${step.id}", option "${option.label}"`, file, lineOf(['steps', i, 'options', j, 'entry']), byId, problems);
    });
    if (flow.summary.score !== undefined && step.options.filter((o) => o.correct).length !== 1) {
      problems.push({ file, line, reason: `flow "${flow.id}" is scored: step "${step.id}" needs exactly one option with "correct: true"` });
    }
  });
}

function checkFlowAgeBands(flow: GuidedFlow, audiences: AudienceSetup, problems: KnowledgeProblem[]): void {
  const bands = new Set(audiences.ageBands.map((band) => band.id));
  for (const step of flow.steps) {
    const named = [...(step.ages ?? []), ...step.options.flatMap((o) => (o.ageBand ? [o.ageBand] : []))];
    for (const band of named) {
      if (!bands.has(band)) problems.push({ ...flow.origin, reason: `flow "${flow.id}", step "${step.id}": "${band}" is not an age band of audiences.yaml` });
    }
  }
}

function toAudienceSetup(checked: CheckedYaml<RawAudiencesFile>, file: string, byId: ReadonlyMap<string, Entry>, flows: ReadonlyMap<string, GuidedFlow>, problems: KnowledgeProblem[]): AudienceSetup {
  const raw = checked.data;
  const roleOwner = new Map<string, Audience>();
  const profiles = {} as AudienceSetup['profiles'];
  for (const audience of AUDIENCES) {
    const profile = raw.profiles[audience];
    profile.menu.forEach((id, i) => checkEntryRef(id, `the ${audience} menu`, file, checked.lineOf(['profiles', audience, 'menu', i]), byId, problems));
    const flow = profile.flow === undefined ? undefined : flows.get(profile.flow);
    if (profile.flow !== undefined && !flow) problems.push({ file, line: checked.lineOf(['profiles', audience, 'flow']), reason: `the ${audience} flow "${profile.flow}" has no file flows/${profile.flow}.yaml` });
    const roles = (profile.roles ?? []).map((role) => foldText(role));
    roles.forEach((role, i) => {
      const owner = roleOwner.get(role);
      if (owner && owner !== audience) problems.push({ file, line: checked.lineOf(['profiles', audience, 'roles', i]), reason: `role "${role}" is listed for both ${owner} and ${audience}` });
      roleOwner.set(role, audience);
    });
    profiles[audience] = { greeting: profile.greeting.trim(), menu: profile.menu, flow: profile.flow, roles };
  }
  raw.ageBands.forEach((band, i) => {
    const line = checked.lineOf(['ageBands', i]);
    checkEntryRef(band.resource, `age band "${band.id}"`, file, line, byId, problems);
    if (band.from > band.to) problems.push({ file, line, reason: `age band "${band.id}" runs from ${band.from} to ${band.to}` });
    const previous = raw.ageBands[i - 1];
    if (previous && band.from !== previous.to + 1) problems.push({ file, line, reason: `age band "${band.id}" should start at ${previous.to + 1}, right after "${previous.id}"` });
  });
  return { choices: raw.choices, profiles, ageBands: raw.ageBands, trustedAdultReminder: raw.trustedAdultReminder?.trim(), remindInAreas: raw.remindInAreas ?? [] };
}

/** Compiles the safety lexicon's patterns; a pattern that is not a valid regular expression is a problem at its line. */
function compileSafetyLexicon(checked: CheckedYaml<RawSafetyFile>, file: string, problems: KnowledgeProblem[]): SafetyLexicon {
  const raw = checked.data;
  const compile = (pattern: string, at: (string | number)[]): RegExp[] => {
    try {
      return [new RegExp(pattern)];
    } catch (error) {
      problems.push({ file, line: checked.lineOf(at), reason: `"${pattern}" is not a valid regular expression (${(error as Error).message})` });
      return [];
    }
  };
  const spellings = new Map(Object.entries(raw.spellings).map(([word, meaning]) => [foldText(word), foldText(meaning)]));
  return {
    symbols: new Map(Object.entries(raw.symbols ?? {}).map(([symbol, word]) => [symbol, foldText(word)])),
    spellings,
    negations: new Set(raw.negations.map((word) => foldText(word))),
    informational: { weight: raw.informational.weight, patterns: raw.informational.patterns.flatMap((p, i) => compile(p, ['informational', 'patterns', i])) },
    aboutOthers: { weight: raw.aboutOthers?.weight ?? 0, patterns: (raw.aboutOthers?.patterns ?? []).flatMap((p, i) => compile(p, ['aboutOthers', 'patterns', i])) },
    joking: (raw.joking?.patterns ?? []).flatMap((p, i) => compile(p, ['joking', 'patterns', i])),
    personal: { weight: raw.personal.weight, patterns: raw.personal.patterns.flatMap((p, i) => compile(p, ['personal', 'patterns', i])) },
    confessing: { weight: raw.confessing?.weight ?? 0, patterns: (raw.confessing?.patterns ?? []).flatMap((p, i) => compile(p, ['confessing', 'patterns', i])) },
    signals: raw.signals.map((signal, i) => ({
      category: signal.category,
      weight: signal.weight,
      negatable: signal.negatable ?? false,
      patterns: signal.patterns.flatMap((p, j) => compile(p, ['signals', i, 'patterns', j])),
    })),
  };
}

/** Folds what people type for each country, and checks that ids, aliases and locales name one country each. */
function toHelplineBook(checked: CheckedYaml<HelplineBook>, file: string, problems: KnowledgeProblem[]): HelplineBook {
  const seen = new Map<string, string>();
  const countries = checked.data.countries.map((country, i) => {
    const aliases = country.aliases.map((alias) => foldText(alias));
    for (const key of [`id ${country.id}`, ...aliases.map((a) => `name "${a}"`), ...country.locales.map((l) => `locale ${l.toLowerCase()}`)]) {
      const owner = seen.get(key);
      if (owner && owner !== country.id) problems.push({ file, line: checked.lineOf(['countries', i]), reason: `${key} is given for both ${owner} and ${country.id}` });
      seen.set(key, country.id);
    }
    return { ...country, aliases };
  });
  // A reporting service says what it takes reports of (the safety answer lists only those that take the worry);
  // no other service does.
  const places: [path: (string | number)[], lists: ServiceLists][] = [[['international'], checked.data.international], ...checked.data.countries.map((country, i): [(string | number)[], ServiceLists] => [['countries', i], country])];
  for (const [at, lists] of places) {
    for (const list of SERVICE_LISTS) {
      lists[list].forEach((service, k) => {
        const reporting = list === 'reporting';
        if (reporting !== (service.takes !== undefined && service.takes.length > 0)) {
          problems.push({ file, line: checked.lineOf([...at, list, k]), reason: reporting ? `reporting service "${service.name}" needs "takes": the worries it takes reports of` : `"${service.name}" is not a reporting service: only those say what they take ("takes")` });
        }
      });
    }
  }
  return { international: checked.data.international, countries };
}

/**
 * The training phrasings of every `training/*.yaml`, merged per entry. An id that is no entry, or an entry that only
 * follow-ups reach, is a problem at its line: the matcher would learn to pick something users cannot be given.
 */
function readTraining(files: { file: string; checked: CheckedYaml<RawTrainingFile> | undefined }[], byId: ReadonlyMap<string, Entry>, problems: KnowledgeProblem[]): TrainingData {
  const examples = new Map<string, string[]>();
  const outOfScope: string[] = [];
  for (const { file, checked } of files) {
    if (!checked) continue;
    for (const [id, texts] of Object.entries(checked.data.examples ?? {})) {
      const entry = byId.get(id);
      if (!entry || entry.contextOnly) {
        problems.push({ file, line: checked.lineOf(['examples', id]), reason: entry ? `"${id}" is reached only as a follow-up: it takes no training phrasings` : `"${id}" is not the id of any entry` });
        continue;
      }
      examples.set(id, [...(examples.get(id) ?? []), ...texts.map((text) => text.trim())]);
    }
    outOfScope.push(...(checked.data.outOfScope ?? []).map((text) => text.trim()));
  }
  return { examples, outOfScope };
}

/** The safety classifier's messages of every `safety-training/*.yaml`, merged. */
function readSafetyTraining(files: (CheckedYaml<RawSafetyTrainingFile> | undefined)[]): SafetyTraining {
  const disclosures: { text: string; category: SafetyCategory }[] = [];
  const concerns: string[] = [];
  const ordinary: string[] = [];
  for (const checked of files) {
    if (!checked) continue;
    for (const [category, texts] of Object.entries(checked.data.disclosures ?? {}) as [SafetyCategory, string[]][]) disclosures.push(...texts.map((text) => ({ text: text.trim(), category })));
    concerns.push(...(checked.data.concerns ?? []).map((text) => text.trim()));
    ordinary.push(...(checked.data.ordinary ?? []).map((text) => text.trim()));
  }
  return { disclosures, concerns, ordinary };
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
