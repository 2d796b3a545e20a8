import type { CountryHelp, HelpGroup, HelplineBook, HelpService, SafetyAnswers, SafetyRegister, SafetyStepText } from '../knowledge/helplines';
import type { SafetyCategory } from '../knowledge/safety';
import type { Audience } from '../knowledge/types';

/** Children are spoken to, parents and educators are told what to do for the child, anyone else gets the general wording. */
export function registerFor(audience: Audience): SafetyRegister {
  return audience === 'children' || audience === 'parents-educators' ? audience : 'general';
}

/** One service as a line: "Childline: 0800 1111, childline.org.uk (free, 24 hours)". */
export function describeService(service: HelpService): string {
  const ways = [service.phone, service.text, service.web].filter((way): way is string => Boolean(way));
  return `${service.name}${ways.length > 0 ? `: ${ways.join(', ')}` : ''}${service.note ? ` (${service.note})` : ''}`;
}

/** One group of help under its heading. */
export interface HelpSection {
  group: HelpGroup;
  heading: string;
  services: HelpService[];
}

/** The help a safety answer lists for a worry, a reader and a place, grouped by what each service is. */
export interface SafetyHelp {
  emergency: string;
  /** Someone to talk to now, where to report it, getting images removed: the groups that have a service, in that order. */
  sections: HelpSection[];
  /** A helpline to call is listed: the country's own child helpline or crisis line (not only the directory). */
  helpline: boolean;
  /** A reporting service that takes this worry is listed. */
  reporting: boolean;
}

/** What a group of help shows: crisis lines, which reporting services, image removal. */
interface HelpChoice {
  crisisLines: boolean;
  reports: (service: HelpService) => boolean;
  imageRemoval: boolean;
}

/**
 * The help for a reader and a place: the emergency number; someone to talk to now (the country's child helplines
 * first, then its crisis lines if chosen, never a line only for adults to a child; a country with no child helpline,
 * and an unknown one, get Child Helpline International's directory first); the reporting services chosen; image
 * removal if chosen.
 */
function groupHelp(answers: SafetyAnswers, book: HelplineBook, register: SafetyRegister, country: CountryHelp | undefined, choice: HelpChoice): SafetyHelp {
  const place = country ?? book.international;
  const forReader = (service: HelpService) => register !== 'children' || !service.forAdults;
  const lines = [...(country?.childHelplines ?? []), ...(choice.crisisLines ? place.crisis : [])].filter(forReader);
  const directory = country && country.childHelplines.length > 0 ? [] : book.international.childHelplines;
  const groups: [HelpGroup, HelpService[]][] = [
    ['talk', [...directory, ...lines]],
    ['report', place.reporting.filter(choice.reports)],
    ['images', choice.imageRemoval ? place.images.filter(forReader) : []],
  ];
  const sections = groups
    .filter(([, services]) => services.length > 0)
    .map(([group, services]) => ({ group, heading: `${answers.headings[group][register]}${country ? ` (${country.name})` : ''}`, services }));
  return { emergency: place.emergency, sections, helpline: lines.length > 0, reporting: groups[1][1].length > 0 };
}

/** The help for a worry: only the reporting services that take it (an image hotline is never offered for grooming). */
export function safetyHelp(answers: SafetyAnswers, book: HelplineBook, category: SafetyCategory, register: SafetyRegister, country: CountryHelp | undefined): SafetyHelp {
  const { crisisLines, imageRemoval } = answers.categories[category];
  return groupHelp(answers, book, register, country, { crisisLines, imageRemoval, reports: (service) => service.takes?.includes(category) ?? false });
}

/** A country's help for "which number can a child call in Brazil?": its helplines, crisis lines and reporting services. */
export function countryHelp(answers: SafetyAnswers, book: HelplineBook, register: SafetyRegister, country: CountryHelp): SafetyHelp {
  return groupHelp(answers, book, register, country, { crisisLines: true, imageRemoval: false, reports: () => true });
}

/** The groups of help as text: each heading, then its services as a list; a blank line between groups. */
export function formatHelp(sections: readonly HelpSection[]): string {
  return sections.map((section) => `${section.heading}:\n${section.services.map((service) => `- ${describeService(service)}`).join('\n')}`).join('\n\n');
}

/** Whether a step is shown with this help: a step that points to a service below only when one is listed. */
function stepShown(step: SafetyStepText, help: SafetyHelp): boolean {
  if (typeof step === 'string') return true;
  return step.when === 'helpline' ? help.helpline : step.when === 'reporting' ? help.reporting : !help.reporting;
}

/**
 * The safety answer, in three messages: a calm opening and what to do now (the emergency number); the steps for
 * this worry; the help for the user's country (international options while the country is unknown).
 */
export function safetyAnswer(answers: SafetyAnswers, book: HelplineBook, category: SafetyCategory, audience: Audience, country: CountryHelp | undefined): string[] {
  const text = answers.categories[category];
  const register = registerFor(audience);
  const help = safetyHelp(answers, book, category, register, country);
  const steps = text.steps[register].filter((step) => stepShown(step, help)).map((step) => `- ${typeof step === 'string' ? step : step.text}`);
  return [`${text.opening[register]} ${dangerLine(register, help.emergency)}`, steps.join('\n'), formatHelp(help.sections)];
}

/** What to do now: "If you are in danger right now, call 999 (or 112)." */
function dangerLine(register: SafetyRegister, emergency: string): string {
  return `${register === 'children' ? 'If you are in danger right now' : 'If anyone is in danger right now'}, call ${emergency}.`;
}

/**
 * The check-in for a possible concern, in two messages: the calm words of the register and what to do now; someone
 * to talk to now (the child helpline, or the directory where none is known). The answer to the question follows.
 */
export function checkIn(answers: SafetyAnswers, book: HelplineBook, audience: Audience, country: CountryHelp | undefined): string[] {
  const register = registerFor(audience);
  const help = groupHelp(answers, book, register, country, { crisisLines: false, imageRemoval: false, reports: () => false });
  return [`${answers.checkIn[register]} ${dangerLine(register, help.emergency)}`, formatHelp(help.sections)];
}
