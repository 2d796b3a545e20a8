import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AskBot, BotVerdict } from '../../knowledge/evaluationCase';
import { KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import { formatMatchReport, readMatchTests, runMatchTest } from '../../knowledge/matchEvaluation';
import { SMALL_KB } from '../helpers/kbFolder';

const kb = loadKnowledgeBase(SMALL_KB);

function testsFolder(text: string): { folder: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-kbtest-'));
  writeFileSync(path.join(folder, 'case.yaml'), text);
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A stand-in for the bot: a fixed verdict per question, and a record of how each was asked. */
function scriptedBot(verdicts: Record<string, Partial<BotVerdict>>) {
  const asked: unknown[] = [];
  const ask: AskBot = async (input) => {
    asked.push(input);
    return { kind: 'fallback', id: null, offered: [], pii: false, confidence: 0.1, ...verdicts[input.text] };
  };
  return { ask, asked };
}

const SET = `goal:
  rightOrFirstOffered: 0.8
  wrongAtMost: 0.2
  outOfScopeRefused: 1
inScope:
  - q: "pears: which colour"
    expect: fruit.pear-colour
  - q: "how sweet is an apple"
    expect: fruit.apple-taste
    audience: children
    age: 10
    locale: en-GB
  - q: "colours?"
    expect: fruit.apple-colour
  - q: "tell me about pear flavour"
    expect: fruit.pear-taste
  - q: "i have a question about apples"
    expect: fruit.apple-colour
outOfScope:
  - "how do I fix my bicycle"
  - "best pizza"
`;

const VERDICTS: Record<string, Partial<BotVerdict>> = {
  'pears: which colour': { kind: 'answer', id: 'fruit.pear-colour', confidence: 0.9 },
  'how sweet is an apple': { kind: 'answer', id: 'fruit.apple-taste', confidence: 0.8 },
  'colours?': { kind: 'clarify', offered: ['fruit.apple-colour', 'fruit.pear-colour'] },
  'tell me about pear flavour': { kind: 'answer', id: 'fruit.apple-taste', confidence: 0.7 },
  'i have a question about apples': { kind: 'safety', id: 'safety.grooming' },
  'best pizza': { kind: 'answer', id: 'fruit.secret', pii: true },
};

describe('the match evaluation, through the bot', () => {
  it('counts a question that got the check-in by the reply that came after it, and counts the check-in', async () => {
    const tests = testsFolder(SET);
    try {
      const [file] = readMatchTests(tests.folder, kb);
      const checkedIn = { kind: 'safety' as const, id: 'safety.check-in', underCheckIn: { kind: 'answer' as const, id: 'fruit.pear-colour', confidence: 0.9 } };
      const result = await runMatchTest(scriptedBot({ ...VERDICTS, 'pears: which colour': checkedIn }).ask, file);
      expect(result.cases[0].verdict).toBe('right');
      expect(result.figures).toMatchObject({ right: 2, safety: 1, checkIns: 1 });
      expect(formatMatchReport([result], { rows: 'all' })).toMatch(/check-in, then fruit\.pear-colour\s+pears: which colour/);
    } finally {
      tests.cleanup();
    }
  });

  it("puts each question to the bot with its audience, age and locale, and sorts what came back", async () => {
    const tests = testsFolder(SET);
    try {
      const [file] = readMatchTests(tests.folder, kb);
      const bot = scriptedBot(VERDICTS);
      const result = await runMatchTest(bot.ask, file);
      expect(bot.asked[1]).toEqual({ text: 'how sweet is an apple', audience: 'children', age: 10, locale: 'en-GB' });
      expect(result.cases.map((c) => c.verdict)).toEqual(['right', 'right', 'offered-first', 'wrong', 'safety', 'refused', 'wrong']);
      expect(result.figures).toEqual({ inScope: 5, right: 2, offeredFirst: 1, wrong: 1, refused: 0, safety: 1, checkIns: 0, outOfScope: 2, outRefused: 1, pii: 1 });
      expect(result.areas.get('fruit')).toMatchObject({ inScope: 5, right: 2 });
    } finally {
      tests.cleanup();
    }
  });

  it('fails a set below its goal, and only reports the gap while the goal is pending', async () => {
    const tests = testsFolder(SET);
    const pending = testsFolder(`${SET}pending: issue 14\n`);
    try {
      const below = await runMatchTest(scriptedBot(VERDICTS).ask, readMatchTests(tests.folder, kb)[0]);
      expect(below.status).toEqual({ fails: true, text: 'BELOW GOAL: rightOrFirstOffered 60.0 % (goal 80.0 %), outOfScopeRefused 50.0 % (goal 100.0 %)' });
      const reported = await runMatchTest(scriptedBot(VERDICTS).ask, readMatchTests(pending.folder, kb)[0]);
      expect(reported.status.fails).toBe(false);
      expect(reported.status.text).toMatch(/^short of goal, pending issue 14: rightOrFirstOffered 60\.0 %/);
      const perfect = await runMatchTest(async (input) => ({ kind: input.text.includes('pizza') || input.text.includes('bicycle') ? 'fallback' : 'answer', id: null, offered: [], pii: false, confidence: 1 }), readMatchTests(pending.folder, kb)[0]);
      expect(perfect.checks.find((c) => c.name === 'wrongAtMost')?.met).toBe(false);
    } finally {
      tests.cleanup();
      pending.cleanup();
    }
  });

  it('lists failures first (every question with all, none for a blind set), then figures per file and per area', async () => {
    const tests = testsFolder(SET);
    try {
      const results = [await runMatchTest(scriptedBot(VERDICTS).ask, readMatchTests(tests.folder, kb)[0])];
      const report = formatMatchReport(results, { areas: true });
      const lines = report.split('\n');
      expect(lines[0]).toMatch(/^result\s+conf\s+expected\s+got\s+question$/);
      expect(lines[1]).toMatch(/^FAIL\s+0\.10\s+fruit\.apple-colour\s+clarify \[fruit\.apple-colour, fruit\.pear-colour\]\s+colours\?$/);
      expect(report).toMatch(/safety\.grooming\s+i have a question about apples/);
      expect(report).toMatch(/case\.yaml\s+5\s+40\.0 %\s+60\.0 %\s+1\s+0\s+1\s+0\s+2\s+50\.0 %\s+1\s+BELOW GOAL/);
      expect(report).toMatch(/area fruit\s+5\s+40\.0 %/);
      expect(formatMatchReport(results, { rows: 'all' }).split('\n').filter((line) => /^(ok|FAIL)\s/.test(line))).toHaveLength(7);
      expect(formatMatchReport(results, { rows: 'none' })).not.toMatch(/colours\?/);
    } finally {
      tests.cleanup();
    }
  });

  it('rejects a test question copied from the knowledge base, and an unknown id, with file and line', () => {
    const tests = testsFolder('inScope:\n  - q: "what COLOUR are apples"\n    expect: fruit.apple-colour\n  - q: "plums?"\n    expect: fruit.plum\n');
    try {
      expect(() => readMatchTests(tests.folder, kb)).toThrow(KnowledgeError);
      try {
        readMatchTests(tests.folder, kb);
      } catch (error) {
        expect((error as KnowledgeError).problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
          '2: "what COLOUR are apples" is (but for case and punctuation) a question of "fruit.apple-colour": a test must use new phrasings',
          '4: "fruit.plum" is not the id of any entry',
        ]);
      }
    } finally {
      tests.cleanup();
    }
  });
});
