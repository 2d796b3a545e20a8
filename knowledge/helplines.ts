import { foldText } from './normalise';
import type { SafetyCategory } from './safety';

/** A helpline, crisis line or reporting service, with where the facts come from. */
export interface HelpService {
  name: string;
  phone?: string;
  text?: string;
  web?: string;
  note?: string;
  /** Only for adults: left out of a child's safety answer. */
  forAdults?: boolean;
  /** A reporting service: the worries it takes reports of (a child sexual abuse image hotline takes `images-shared` only). */
  takes?: SafetyCategory[];
  source: string[];
}

/** The kinds of service a safety answer can list. */
export const SERVICE_LISTS = ['childHelplines', 'crisis', 'reporting', 'images'] as const;
export type ServiceList = (typeof SERVICE_LISTS)[number];

export type ServiceLists = Record<ServiceList, HelpService[]>;

export interface CountryHelp extends ServiceLists {
  /** ISO 3166-1 alpha-2, lower case. */
  id: string;
  name: string;
  /** What people type for the country, folded. */
  aliases: string[];
  /** BCP 47 locales that mean this country. */
  locales: string[];
  emergency: string;
  emergencySource: string[];
}

/** knowledge/content/helplines.yaml: international options, and each country's. */
export interface HelplineBook {
  international: ServiceLists & { emergency: string };
  countries: CountryHelp[];
}

/** Every service of the book, international and per country (a worldwide service may appear more than once). */
export function allServices(book: HelplineBook): HelpService[] {
  return [book.international, ...book.countries].flatMap((place) => SERVICE_LISTS.flatMap((list) => place[list]));
}

/** How the safety answer speaks: to a child, to a parent or educator about a child, or to anyone else. */
export const SAFETY_REGISTERS = ['children', 'parents-educators', 'general'] as const;
export type SafetyRegister = (typeof SAFETY_REGISTERS)[number];

/**
 * What must be true for a step to be shown: the answer lists a helpline to call (`helpline`: the country's own child
 * helpline or crisis line, not the directory shown where it has none), or a reporting service that takes this worry
 * (`reporting`), or none does (`noReporting`).
 */
export type StepCondition = 'helpline' | 'reporting' | 'noReporting';

/** A step of a safety answer: always shown, or only when its condition holds (so no step points to a service not listed). */
export type SafetyStepText = string | { text: string; when: StepCondition };

/** knowledge/content/safety-answers.yaml: the wording of the safety answer per category and register. */
export interface SafetyAnswerText {
  opening: Record<SafetyRegister, string>;
  steps: Record<SafetyRegister, SafetyStepText[]>;
  /** Crisis lines are listed after the child helplines (suicide and distress lines). */
  crisisLines: boolean;
  /** Image-removal services are listed last. */
  imageRemoval: boolean;
}

/** The groups of help, in the order an answer lists them after the emergency number. */
export const HELP_GROUPS = ['talk', 'report', 'images'] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];

export interface SafetyAnswers {
  /** Each group's heading, per register. */
  headings: Record<HelpGroup, Record<SafetyRegister, string>>;
  /** The gentle check-in for a possible concern, per register: said before the answer to the question. */
  checkIn: Record<SafetyRegister, string>;
  categories: Record<SafetyCategory, SafetyAnswerText>;
}

/** The country a locale names: listed among a country's locales, or by its region ("en-GB" → gb). */
export function countryFromLocale(book: HelplineBook, locale: string | undefined): CountryHelp | undefined {
  if (!locale) return undefined;
  const wanted = locale.toLowerCase();
  const listed = book.countries.find((country) => country.locales.some((l) => l.toLowerCase() === wanted));
  if (listed) return listed;
  const region = wanted.split(/[-_]/)[1];
  return region ? book.countries.find((country) => country.id === region) : undefined;
}

/** "I'm in the UK", "we live in Canada", "I'm from India": a message that says where the user is. */
const SAYS_COUNTRY = /\b(?:im|i am|i live|we live|we are|were|living|based|i m)\s+(?:in|from)\s+(?:the\s+)?(.+)$/;

/** A country a message names, and what the message says besides ("I'm in the UK, what is grooming?" → "what is grooming"). */
export interface CountryMention {
  country: CountryHelp;
  rest: string;
  /** Said as a statement ("I'm in …"), not only a bare name. */
  stated: boolean;
}

/**
 * The country a message names: "I'm in the UK", "we live in Canada"; with `bare`, also a message that is only a
 * country's name (the answer to "Which country are you in?").
 */
export function countryMention(book: HelplineBook, text: string, options: { bare?: boolean } = {}): CountryMention | undefined {
  const folded = foldText(text);
  const said = SAYS_COUNTRY.exec(folded);
  const candidate = (said?.[1] ?? (options.bare ? folded : '')).replace(/^the\s+/, '');
  if (!candidate) return undefined;
  for (const country of book.countries) {
    const alias = [...country.aliases].sort((a, b) => b.length - a.length).find((a) => candidate === a || candidate.startsWith(`${a} `));
    if (alias) return { country, rest: `${said ? folded.slice(0, said.index) : ''} ${candidate.slice(alias.length)}`.trim(), stated: said !== null };
  }
  return undefined;
}

/**
 * The country a message names anywhere ("which number can a child call in Brazil?"): the one whose name (one of its
 * aliases) stands in it as whole words. Undefined when it names none, or two different countries.
 */
export function countryNamed(book: HelplineBook, text: string): CountryHelp | undefined {
  const folded = ` ${foldText(text)} `;
  const named = new Set<CountryHelp>();
  for (const country of book.countries) {
    if (country.aliases.some((alias) => folded.includes(` ${alias} `))) named.add(country);
  }
  return named.size === 1 ? [...named][0] : undefined;
}
