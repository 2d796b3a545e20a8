import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readVerifiedFacts } from '../../knowledge/coverage';
import { allServices } from '../../knowledge/helplines';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';

// The curated brief lives beside the project (shared/reference) on developers' machines and in CI. A fresh clone has
// none, so the checks of the answers read the project's own copy of the verified facts instead:
// knowledge/content/verified-facts.yaml and the services of knowledge/content/helplines.yaml.
const REFERENCE = path.join(__dirname, '..', '..', '..', 'shared', 'reference');
/** The text of the reference files, or undefined when the folder is not there. */
const readReference = (): string | undefined => (existsSync(REFERENCE) ? ['cop-facts-raw.md', 'helplines.md'].map((name) => readFileSync(path.join(REFERENCE, name), 'utf8')).join('\n') : undefined);

const WEB_ADDRESS = /https?:\/\/[^\s)>\]]+/g;

/** Runs of digits, joined by single spaces, hyphens or dots ("0800 1111", "1-800-843-5678"), as digit strings. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d(?:\d|[ \-.](?=\d))*/g)].map((m) => m[0].replace(/\D/g, '')).filter((digits) => digits.length >= 3);
}

function hostsAndPathsIn(text: string): string[] {
  return [...text.matchAll(WEB_ADDRESS)].map((m) => m[0].replace(/[.,;:]+$/, '').replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''));
}

/** The text without its http(s) addresses: their digits are checked as part of the link, not as figures. */
const withoutUrls = (text: string): string => text.replace(WEB_ADDRESS, ' ');

/** Web addresses written without http ("childline.org.uk", "iwf.org.uk/report", "www.childhelplineinternational.org/helplines/"). */
function bareAddressesIn(text: string): string[] {
  return [...withoutUrls(text).matchAll(/\b(?:www\.)?((?:[a-z\d-]+\.)+[a-z]{2,}(?:\/[^\s)>\]"…]*)?)/gi)].map((m) => m[1].replace(/[.,;:!?]+$/, '').replace(/\/$/, ''));
}

/** Every web address in a text, with or without http, in lower case. */
const linksIn = (text: string): string[] => [...hostsAndPathsIn(text), ...bareAddressesIn(text)].map((link) => link.toLowerCase());

/** verified-facts.yaml keeps the start of each note, cut off with "…": the cut word ("June 202…") is not a fact. */
const withoutCutWord = (fact: string): string => fact.replace(/\S*…\s*$/, '');

const kb = loadKnowledgeBase(REAL_KB);
const { helplines } = kb.safety;
const services = allServices(helplines);

/** The project's copy of the verified facts: the notes of verified-facts.yaml and what helplines.yaml shows a user. */
const verifiedFacts = [...readVerifiedFacts(path.join(REAL_KB, 'verified-facts.yaml')).values()].map(withoutCutWord);
const helplineFacts = [
  helplines.international.emergency,
  ...helplines.countries.map((country) => country.emergency),
  ...services.flatMap((service) => [service.name, service.phone, service.text, service.web, service.note].filter((t): t is string => Boolean(t))),
];
const projectCopy = [...verifiedFacts, ...helplineFacts].join('\n');
const projectNumbers = new Set(numbersIn(withoutUrls(projectCopy)));
const projectText = projectCopy.toLowerCase();

/**
 * Figures and links that answers use today although the project copy lacks them: verified-facts.yaml keeps only the
 * first ~110 characters of each note, and no source page's address. Each is in the reference files (checked below
 * when they are present). Do not add to these lists: put the fact in the project copy instead, and once it is
 * there, remove its line (the tests below fail until you do, so the lists only shrink).
 */
const NUMBERS_NOT_YET_IN_PROJECT_COPY: readonly string[] = [
  '106', // help.emergency (Australia's TTY line)
  '1306', // policy-makers.itu-mandates (Council Resolution 1306)
  '142', // help.child-helpline-international
  '173', // help.child-helpline-international
  '18004', // help.us-helplines ("1-800-4-A-CHILD")
  '1992', // event.opening
  '2012', // guidelines.cop-milestones, organisations.weprotect
  '2017', // help.child-helplines
  '2018', // guidelines.history, guidelines.revision, help.child-helpline-international, policy-makers.existing-models
  '362', // help.cybertipline
  '400', // guidelines.safe-cyberspace-programme, industry.training, policy-makers.implementation-support
  '500', // guidelines.safe-cyberspace-programme
  '700', // guidelines.safe-cyberspace-programme, policy-makers.implementation-support
  '720', // guidelines.safe-cyberspace-programme, policy-makers.implementation-support, policy-makers.training
  '9789261300814', // industry.who-wrote (ISBN 978-92-61-30081-4)
];
const LINKS_NOT_YET_IN_PROJECT_COPY: readonly string[] = [
  'academy.itu.int/training-courses/full-catalogue/child-online-protection-educators-social-workers-academic-and-non-academic-staff-intermediate',
  'academy.itu.int/training-courses/full-catalogue/child-online-protection-policy-makers-1',
  'academy.itu.int/training-courses/full-catalogue/child-rights-and-business-digital-environment',
  'betterinternetforkids.eu',
  'broadbandcommission.org/?p=2961',
  'ceop.police.uk/report-abuse',
  'childrightsconnect.org/new-child-online-protection-guidelines-empowering-children-to-exercise-their-rights-online',
  'cybertip.ca/app/en',
  'cybertipline.org',
  'digitalregulation.org/the-itu-guidelines-on-child-online-protection',
  'docslib.org/doc/6386625/guidelines-for-industry-on-child-online-protection-2020',
  'esafety.gov.au/report/what-is-serious-online-abuse',
  'ic3.gov',
  'inhope.org/en/articles/about-inhope',
  'itu-cop-guidelines.com/industry',
  'itu-cop-guidelines.com/netrules',
  'itu-cop-guidelines.com/parentsandeducators',
  'itu-cop-guidelines.com/policymakers',
  'itu-ilibrary.org/science-and-technology/guidelines-for-policy-makers-on-child-online-protection_pub/8158e0a3-b938ce23-en',
  'itu.int/en/cop/pages/activities.aspx',
  'itu.int/en/itu-d/cybersecurity/pages/2020-cop-guidelines-launch-webinar.aspx',
  'itu.int/en/itu-d/cybersecurity/pages/cop/2020/regional-launches-cop-2020-guidelines.aspx',
  'itu.int/en/itu-d/cybersecurity/pages/cop/child-participation.aspx',
  'itu.int/en/mediacentre/pages/ma04-2020-guidelines-child-online-protection.aspx',
  'itu.int/hub/2021/07/protecting-children-online-internet-safety-with-sango',
  'itu.int/itu-d/sites/digital-impact-unlocked/delivering-child-online-protection-worldwide',
  'itu.int/net4/wsis/forum/2025/agenda/session/344',
  'itu.int:443/en/cop/pages/about_cop.aspx',
  'itu.int:443/en/itu-d/cybersecurity/pages/saferinternetday2020.aspx',
  'iwf.org.uk/what-we-do/why-we-exist/report-remove',
  'kungligafonder.se/arkiv/tal/2020-06-24-h.m.-drottningens-tal-vid-lansering-av--the-itu-child-online-protection-guidelines',
  'miragenews.com/sango-and-me-internet-safety-through-511726',
  'missingchildreneurope.eu/hotline-116-000',
  'news.itu.int/covid-19-7-key-ways-to-keep-children-safe-online',
  'news.itu.int/meet-sango-the-new-child-online-protection-mascot',
  'report.cybertip.org/faqs',
  'saferinternet.org.uk/blog/uksic-partner-with-itu-to-release-new-child-online-protection-guidelines',
  'swgfl.org.uk',
  'swgfl.org.uk/helplines/stopncii-org',
  'takeitdown.ncmec.org/faq',
  'unicef-irc.org/research/284',
  'violenceagainstchildren.un.org/zh/content/pop',
  'weprotect.org/strategylaunch',
];

/** The values of the answers that `missing` picks out, new ones with the entries that use them, and the known gaps that are gaps no more. */
function gaps(answers: { id: string; values: string[] }[], missing: (value: string) => boolean, known: readonly string[]): { unknown: string[]; noLongerMissing: string[] } {
  const uses = new Map<string, Set<string>>();
  for (const { id, values } of answers) for (const value of values.filter(missing)) uses.set(value, (uses.get(value) ?? new Set()).add(id));
  return {
    unknown: [...uses].filter(([value]) => !known.includes(value)).map(([value, ids]) => `${value} (${[...ids].join(', ')})`),
    noLongerMissing: known.filter((value) => !uses.has(value)),
  };
}

describe('every number and link in an answer comes from the project copy of the verified facts', () => {
  const answers = kb.entries.flatMap((entry) => [entry.answer, ...Object.values(entry.answers)].map((text) => ({ id: entry.id, text })));

  it('uses only phone numbers, figures and dates of verified-facts.yaml and helplines.yaml', () => {
    const numbers = answers.map(({ id, text }) => ({ id, values: numbersIn(withoutUrls(text)) }));
    expect(gaps(numbers, (digits) => !projectNumbers.has(digits), NUMBERS_NOT_YET_IN_PROJECT_COPY)).toEqual({ unknown: [], noLongerMissing: [] });
  });

  it('links only to addresses of verified-facts.yaml and helplines.yaml', () => {
    const links = answers.map(({ id, text }) => ({ id, values: linksIn(text) }));
    expect(gaps(links, (link) => !projectText.includes(link), LINKS_NOT_YET_IN_PROJECT_COPY)).toEqual({ unknown: [], noLongerMissing: [] });
  });
});

describe('every helpline, emergency number and safety step comes from the brief', () => {
  const { answers } = kb.safety;

  it('writes no number into the wording of the safety answers that helplines.yaml does not give', () => {
    const wording = Object.values(answers.categories).flatMap((answer) => [...Object.values(answer.opening), ...Object.values(answer.steps).flat().map((step) => (typeof step === 'string' ? step : step.text))]);
    expect(wording.flatMap((text) => numbersIn(text).filter((digits) => !projectNumbers.has(digits)).map((digits) => `${digits} in "${text}"`))).toEqual([]);
  });

  it('gives every country an emergency number and sources, and a child helpline except where helplines.md verifies none', () => {
    // Brazil's Disque 100 is a reporting line (helplines.md §2) and Ghana's Helpline of Hope "not a child-only
    // helpline": they are listed as reporting services, and a child there is pointed to the worldwide directory.
    const noChildHelpline = ['br', 'gh'];
    for (const country of helplines.countries) {
      expect({ country: country.id, emergency: country.emergency.length > 0, helplines: country.childHelplines.length > 0, sources: country.emergencySource.length > 0 }).toEqual({ country: country.id, emergency: true, helplines: !noChildHelpline.includes(country.id), sources: true });
    }
    expect(services.every((service) => service.source.length > 0)).toBe(true);
  });

  it('covers every country of helplines.md', () => {
    const listed = new Set(helplines.countries.map((country) => country.name.toLowerCase()));
    const names = ['united kingdom', 'ireland', 'usa', 'canada', 'australia', 'new zealand', 'france', 'germany', 'spain', 'italy', 'india', 'south africa'];
    expect(names.filter((name) => ![...listed].some((l) => l.includes(name) || (name === 'usa' && l.includes('united states'))))).toEqual([]);
  });
});

describe('the project copy of the verified facts stays true to the reference files', () => {
  /** Numbers and links of the project copy (and the known gaps above) that the reference files do not have. */
  function notInReference(reference: string): string[] {
    const referenceNumbers = new Set(numbersIn(reference));
    const referenceText = reference.toLowerCase();
    const facts = [...verifiedFacts.map((text) => ({ file: 'verified-facts.yaml', text })), ...helplineFacts.map((text) => ({ file: 'helplines.yaml', text }))];
    return [
      ...facts.flatMap(({ file, text }) => numbersIn(withoutUrls(text)).filter((digits) => !referenceNumbers.has(digits)).map((digits) => `${file}: ${digits} in "${text}"`)),
      ...facts.flatMap(({ file, text }) => linksIn(text).filter((link) => !referenceText.includes(link)).map((link) => `${file}: ${link} in "${text}"`)),
      ...NUMBERS_NOT_YET_IN_PROJECT_COPY.filter((digits) => !referenceNumbers.has(digits)).map((digits) => `known gap: ${digits}`),
      ...LINKS_NOT_YET_IN_PROJECT_COPY.filter((link) => !referenceText.includes(link)).map((link) => `known gap: ${link}`),
    ];
  }

  it('has every number and link of verified-facts.yaml and helplines.yaml, and of the known gaps, in the reference files', () => {
    const reference = readReference();
    // Without shared/reference (a fresh clone outside CI) there is nothing to compare against, so nothing is missing;
    // the checks above, against the project copy, still guard every answer.
    const missing = reference === undefined ? [] : notInReference(reference);
    expect(missing).toEqual([]);
  });
});

describe("the content findings of issue 15's review stay fixed", () => {
  const answerTexts = kb.entries.flatMap((entry) => [entry.answer, ...Object.values(entry.answers)].map((text) => ({ id: entry.id, text })));
  const flowTexts = [...kb.flows.values()].flatMap((flow) => flow.steps.flatMap((step) => step.options.flatMap((option) => [option.feedback ?? '', option.note ?? ''])));
  const sentences = [...answerTexts.map((a) => a.text), ...flowTexts].flatMap((text) => text.split(/(?<=[.!?])\s+/));

  it('never puts "one in three children use the Internet" in quotation marks: it is the brief\'s paraphrase of the media advisory (cop-facts-raw B4)', () => {
    expect(sentences.filter((s) => /["“]one in three children use the Internet["”]/i.test(s))).toEqual([]);
  });

  it("never says Dr Najat Maalla M'jid spoke at the launch: the brief only has her quoted in launch coverage (cop-facts-raw A12)", () => {
    expect(sentences.filter((s) => /M'jid/.test(s) && /\bat the launch\b/i.test(s))).toEqual([]);
  });

  it('conveys I2: the eight countries already using 116 111 in June 2008', () => {
    const countries = ['Czech Republic', 'Denmark', 'Estonia', 'Finland', 'Greece', 'Hungary', 'Portugal', 'Sweden'];
    expect(answerTexts.some(({ text }) => countries.every((country) => text.includes(country)))).toBe(true);
  });
});
