import path from 'node:path';
import { evaluateSearch, readEvaluationSet } from '../../knowledge/evaluate';
import { loadKnowledgeBase } from '../../knowledge/load';
import { KnowledgeSearch } from '../../knowledge/search';
import { REAL_KB } from '../helpers/kbFolder';

// Held-out questions (none copied from the knowledge base); `npm run kb:eval -- --failures` shows the details.
describe('search quality on the held-out evaluation set', () => {
  const report = evaluateSearch(new KnowledgeSearch(loadKnowledgeBase(REAL_KB)), readEvaluationSet(path.join(__dirname, '..', 'fixtures', 'search-eval.yaml')));

  it('never answers an in-scope question with the wrong entry', () => {
    expect(report.answeredWrong).toBe(0);
  });

  it('reaches the right entry, directly or through "did you mean", for at least 80 % of questions', () => {
    expect((report.answeredRight + report.clarifiedWithRight) / report.inScope).toBeGreaterThanOrEqual(0.8);
  });

  it('never answers an out-of-scope question', () => {
    expect(report.falseAnswers).toBe(0);
  });
});
