import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import { knowledgeOverview } from '../../knowledge/overview';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';

describe('knowledgeOverview (kb:check)', () => {
  it('counts entries per area and audience, questions, synonyms, topics and flows', () => {
    const overview = knowledgeOverview(loadKnowledgeBase(SMALL_KB), SMALL_KB);
    expect(overview).toMatch(/^Knowledge base OK: \d+ entries, version \w+/);
    expect(overview).toMatch(/^ {2}fruit\s+\d+$/m);
    expect(overview).toMatch(/^ {2}children\s+\d+ \/ 1$/m);
    expect(overview).toMatch(/Questions: \d+; synonyms: \d+; topics: \d+; guided flows: 0/);
    expect(overview).toContain('Verified facts: none listed (no verified-facts.yaml in this folder)');
  });

  it('says which verified facts no entry cites', () => {
    const { folder, cleanup } = kbCopy(SMALL_KB);
    try {
      writeFileSync(path.join(folder, 'verified-facts.yaml'), 'verifiedFacts:\n  A1: The launch was on 24 June 2020.\n');
      expect(knowledgeOverview(loadKnowledgeBase(folder), folder)).toContain('Verified facts of the brief cited by an entry: 0 of 1 (not yet: A1)');
    } finally {
      cleanup();
    }
  });
});
