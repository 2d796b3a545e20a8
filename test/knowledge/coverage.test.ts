import path from 'node:path';
import { citedFacts, readVerifiedFacts, uncitedFacts } from '../../knowledge/coverage';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB, SMALL_KB } from '../helpers/kbFolder';

describe('coverage of the brief', () => {
  const verified = readVerifiedFacts(path.join(REAL_KB, 'verified-facts.yaml'));

  it('lists the verified facts of the brief', () => {
    expect(verified.size).toBeGreaterThan(100);
    expect(verified.get('A1')).toMatch(/^ITU held an "Online Dialogue/);
  });

  it('finds citations in entries\' sources', () => {
    const kb = loadKnowledgeBase(SMALL_KB);
    expect(citedFacts(kb).size).toBe(0);
    expect(uncitedFacts(kb, new Map([['A1', 'x']]))).toEqual(['A1']);
  });

  it('cites every verified fact from at least one entry, so each is reachable', () => {
    expect(uncitedFacts(loadKnowledgeBase(REAL_KB), verified)).toEqual([]);
  });
});
