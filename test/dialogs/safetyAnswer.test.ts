import { describeService, registerFor, safetyAnswer } from '../../dialogs/safetyAnswer';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';

const { safety } = loadKnowledgeBase(REAL_KB);
const uk = safety.helplines.countries.find((country) => country.id === 'gb');

describe('the safety answer', () => {
  it('speaks to children, to parents and educators about the child, and to anyone else', () => {
    expect(['children', 'parents-educators', 'industry', 'policy-makers', 'general'].map((a) => registerFor(a as never))).toEqual(['children', 'parents-educators', 'general', 'general', 'general']);
    const child = safetyAnswer(safety.answers, safety.helplines, 'sextortion', 'children', uk);
    const parent = safetyAnswer(safety.answers, safety.helplines, 'sextortion', 'parents-educators', uk);
    expect(child[0]).toContain(safety.answers.sextortion.opening.children);
    expect(parent[0]).toContain(safety.answers.sextortion.opening['parents-educators']);
    expect(child[1]).toBe(safety.answers.sextortion.steps.children.map((step) => `- ${step}`).join('\n'));
  });

  it("puts the country's emergency number first and lists its services, without adult-only ones for a child", () => {
    const [first, , services] = safetyAnswer(safety.answers, safety.helplines, 'sextortion', 'children', uk);
    expect(first).toMatch(/call 999/);
    expect(services).toContain('Childline: 0800 1111');
    expect(services).not.toMatch(/StopNCII|Revenge Porn/);
    expect(safetyAnswer(safety.answers, safety.helplines, 'sextortion', 'general', uk)[2]).toMatch(/StopNCII/);
  });

  it('gives the international options while the country is unknown', () => {
    const [first, , services] = safetyAnswer(safety.answers, safety.helplines, 'self-harm', 'children', undefined);
    expect(first).toContain(safety.helplines.international.emergency);
    expect(services).toContain(describeService(safety.helplines.international.childHelplines[0]));
  });
});
