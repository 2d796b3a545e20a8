import type { CountryHelp, HelplineBook, HelpService, SafetyAnswers, SafetyRegister } from '../knowledge/helplines';
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

/**
 * The safety answer: calm opening, what to do now (the emergency number), the steps for this category, who to
 * talk to and where to report for the user's country (international options while the country is unknown).
 */
export function safetyAnswer(answers: SafetyAnswers, book: HelplineBook, category: SafetyCategory, audience: Audience, country: CountryHelp | undefined): string[] {
  const text = answers[category];
  const register = registerFor(audience);
  const help = country ?? book.international;
  const emergency = country ? country.emergency : book.international.emergency;
  const lines = text.lists.flatMap((list) => help[list].filter((service) => register !== 'children' || !service.forAdults).map((service) => `- ${describeService(service)}`));
  return [
    `${text.opening[register]} ${register === 'children' ? 'If you are in danger right now' : 'If anyone is in danger right now'}, call ${emergency}.`,
    text.steps[register].map((step) => `- ${step}`).join('\n'),
    `${register === 'children' ? 'You can talk to someone' : 'Who can help'}${country ? ` (${country.name})` : ''}:\n${lines.join('\n')}`,
  ];
}
