import { groupQuestions, similarity, wordWeights } from '../../knowledge/questionGroups';
import { loadKnowledgeBase } from '../../knowledge/load';
import { searchForm } from '../../knowledge/normalise';
import { REAL_KB } from '../helpers/kbFolder';

describe('grouping unanswered questions by topic', () => {
  const kb = loadKnowledgeBase(REAL_KB);
  const weight = wordWeights(kb);
  const asked = (question: string) => ({ question, normalised: searchForm(question, kb.lexicon) });

  it('weighs rare words above the words every entry uses', () => {
    expect(weight('paris')).toBeGreaterThan(weight(searchForm('guidelines', kb.lexicon)));
  });

  it('puts many phrasings of one missing topic in one group, apart from another topic, whatever their order', () => {
    const questions = [
      'is there a sign language version of the guidelines',
      'what is the weather in paris',
      'will it rain in paris tomorrow',
      'guidelines in sign language?',
      'paris weather forecast',
      'do you have a BSL video of the guidelines',
      'is it sunny in paris',
      'sign language videos for deaf children',
    ].map(asked);
    for (const order of [questions, [...questions].reverse()]) {
      const groups = groupQuestions(order, weight);
      const topics = groups.map((group) => group.members.map((m) => m.question).sort());
      expect(topics).toContainEqual(['is it sunny in paris', 'paris weather forecast', 'what is the weather in paris', 'will it rain in paris tomorrow']);
      expect(topics.find((topic) => topic.includes('guidelines in sign language?'))).toEqual(expect.arrayContaining(['is there a sign language version of the guidelines', 'sign language videos for deaf children']));
    }
  });

  it('counts the same phrasing once however it is capitalised, most asked first', () => {
    const [group] = groupQuestions(['Weather in Paris?', 'weather in paris?', 'paris weather'].map(asked), weight);
    expect(group.phrasings).toEqual([
      { question: 'Weather in Paris?', count: 2 },
      { question: 'paris weather', count: 1 },
    ]);
    expect(group.representative).toBe('Weather in Paris?');
  });

  it('does not group questions that share only common words', () => {
    const groups = groupQuestions(['what do the guidelines say about cyberbullying', 'what do the guidelines say about football'].map(asked), weight);
    expect(groups).toHaveLength(2);
  });

  it('measures similarity against the smaller question', () => {
    const w = () => 1;
    expect(similarity(new Set(['a', 'b']), new Set(['a', 'b', 'c', 'd']), w)).toBe(1);
    expect(similarity(new Set(['a', 'b']), new Set(['c']), w)).toBe(0);
  });
});
