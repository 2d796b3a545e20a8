import { buildSynonymTable, foldText, searchForm } from '../../knowledge/normalise';
import type { Lexicon } from '../../knowledge/normalise';

const lexicon: Lexicon = {
  synonyms: buildSynonymTable({ csam: ['child sexual abuse material'], child: ['kid', 'kids'], 'policy-maker': ['policy makers'] }),
  stopWords: new Set(['the', 'is', 'what', 'a']),
};

describe('normalisation', () => {
  it('folds case, accents, apostrophes and punctuation', () => {
    expect(foldText("  Qu'EST-ce   que c’est?! Genève ")).toBe('quest ce que cest geneve');
  });

  it('replaces synonym phrases, longest first, drops stop words and stems', () => {
    expect(searchForm('What is Child Sexual Abuse Material?', lexicon)).toBe('csam');
    expect(searchForm('Kids and the guidelines', lexicon)).toBe('child and guidelin');
    expect(searchForm('a guide for Policy Makers', lexicon)).toBe('guid for policy_maker');
  });

  it('gives nothing for a message of stop words and punctuation', () => {
    expect(searchForm('What is the...?', lexicon)).toBe('');
  });
});
