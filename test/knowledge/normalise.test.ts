import { buildConceptTable, buildSynonymTable, foldText, searchForm } from '../../knowledge/normalise';
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

  it('adds the concept of a brand or everyday word after it, once, and keeps the word itself', () => {
    const synonyms = buildSynonymTable({ 'online gaming': ['gaming'], 'smart-speaker': ['smart speaker'] });
    const withConcepts: Lexicon = { synonyms, stopWords: new Set(['is', 'and']), concepts: buildConceptTable({ 'online gaming': ['roblox', 'fortnite'], 'connected devices': ['smart speaker'] }, synonyms) };
    expect(searchForm('is Roblox safe', withConcepts)).toBe('roblox online_gaming safe');
    expect(searchForm('roblox and fortnite', withConcepts)).toBe('roblox online_gaming fortnit');
    expect(searchForm('gaming on roblox', withConcepts)).toBe('online_gaming on roblox');
    expect(searchForm('our smart speaker', withConcepts)).toBe('our smart_speaker connect devic');
  });
});
