import { bareAge, whoIsAsking } from '../../dialogs/whoIsAsking';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';

const { audiences } = loadKnowledgeBase(REAL_KB);

describe('whoIsAsking', () => {
  it.each([
    ["I'm a teacher", { audience: 'parents-educators' }],
    ['I teach year 5', { audience: 'parents-educators' }],
    ["I'm actually a parent", { audience: 'parents-educators' }],
    ['I work for a telecom company', { audience: 'industry' }],
    ["i'm a trust and safety lead", { audience: 'industry' }],
    ["I'm in the ministry of ICT", { audience: 'policy-makers' }],
    ['I am 11', { audience: 'children', age: 11 }],
    ["I'm eleven", { audience: 'children', age: 11 }],
    ["I'm 11 years old", { audience: 'children', age: 11 }],
    ['I am a 12 year old girl', { audience: 'children', age: 12 }],
    ["I'm a kid", { audience: 'children' }],
    ['my daughter is 9', { audience: 'parents-educators', childAge: 9 }],
    ['my son is nine', { audience: 'parents-educators', childAge: 9 }],
    ['I have a 7 year old', { audience: 'parents-educators', childAge: 7 }],
    ["I'm a mum of two, my eldest is 14", { audience: 'parents-educators', childAge: 14 }],
  ])('reads %p', (text, expected) => {
    expect(whoIsAsking(text, audiences)).toEqual(expected);
  });

  it.each([
    "I'm worried about my kid",
    'I work with kids',
    "I'm at school",
    'im 35',
    'what is grooming',
    'the launch lasted 90 minutes',
    'is sextortion common for 15 year olds',
  ])('finds nobody in %p', (text) => {
    expect(whoIsAsking(text, audiences)).toEqual({});
  });

  it.each([
    ['11', 11],
    ['eleven', 11],
    ['12 years old', 12],
    ["I'm 9", 9],
    ['42', undefined],
    ['what is 11', undefined],
  ])('reads the bare age %p', (text, age) => {
    expect(bareAge(text)).toBe(age);
  });
});
