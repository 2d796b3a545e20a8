import fc from 'fast-check';
import { personalDataFinderFor } from '../../dialogs/personalData';
import { loadKnowledgeBase } from '../../knowledge/load';
import { foldText, searchTerms } from '../../knowledge/normalise';
import { KnowledgeSearch } from '../../knowledge/search';
import { REAL_KB } from '../helpers/kbFolder';
import { RUNS, anyText } from '../helpers/fuzz';

const kb = loadKnowledgeBase(REAL_KB);
const finder = personalDataFinderFor(kb);
const search = new KnowledgeSearch(kb);

describe('the core, on generated text (no input throws)', () => {
  it('folds and normalises any text into lower-case words of letters and digits', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const folded = foldText(text);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/[A-Z]|\s{2}/);
        for (const term of searchTerms(text, kb.lexicon)) expect(term.stem.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS.normaliser },
    );
  });

  it('finds personal data in any text without throwing; a finding only ever replaces, never adds, words', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = finder.find(text);
        if (!found) return;
        expect(found.kinds.length).toBeGreaterThan(0);
        // Take the placeholders out: what is left is the message's own characters, in order.
        const rest = found.redacted.split(/\[(?:phone|email|ip|handle|address|name|place|school)\]/);
        let from = 0;
        for (const piece of rest) {
          const at = text.indexOf(piece, from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + piece.length;
        }
      }),
      { numRuns: RUNS.personalData },
    );
  });

  it('always removes a generated e-mail address, phone number or stated name from a sentence around it', () => {
    const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{2,10}$/), fc.constantFrom('example.com', 'mail.example.org', 'school.example.net')).map(([user, domain]) => `${user.replace(/\.+$/, '')}@${domain}`);
    const phone = fc.tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 100_000, max: 999_999 })).map(([a, b]) => `07${a} ${b}`);
    const name = fc.tuple(fc.constantFrom('Zebulon', 'Amara', 'Tomasz', 'Ngozi', 'Priyanka', 'Siobhan', 'Mateo'), fc.constantFrom('Quixote', 'Okonkwo', 'Wiśniewski', 'Fenwick-Hargreaves', 'Nakamura')).map(([first, last]) => `${first} ${last}`);
    const sentence = fc.constantFrom('hi, {} here. what is grooming?', 'please write to {} about the launch event', 'is roblox safe? {}', '{} - how do I report a fake account?');
    fc.assert(
      fc.property(sentence, fc.oneof(email, phone, name.map((n) => `my name is ${n}`)), (template, secret) => {
        const text = template.replace('{}', secret);
        const stored = finder.find(text)?.redacted ?? text;
        const core = secret.replace(/^my name is /, '');
        expect(stored).not.toContain(core);
      }),
      { numRuns: RUNS.personalDataTemplates },
    );
  });

  it('ranks any question best first, with confidences between 0 and 1', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(undefined, 'children', 'parents-educators', 'industry', 'policy-makers', 'general' as const), (text, audience) => {
        const result = search.search(text, audience);
        expect(['answer', 'clarify', 'fallback']).toContain(result.outcome);
        const confidences = result.candidates.map((c) => c.confidence);
        for (const confidence of confidences) expect(confidence >= 0 && confidence <= 1).toBe(true);
        if (result.outcome !== 'answer') expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      }),
      { numRuns: RUNS.matcher },
    );
  });
});
