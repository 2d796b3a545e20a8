import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { askBotFor } from '../../bot/ask';
import { evaluateKnowledgeBase } from '../../knowledge/evaluations';
import { KnowledgeStore } from '../../knowledge/store';
import type { KnowledgeBase } from '../../knowledge/types';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';
import { runScript } from '../helpers/run';
import { testConfig } from '../helpers/testBot';

const FIXTURE_TESTS = path.join(__dirname, '..', 'fixtures', 'kb-small-tests');

/** The small base with a tuning set, a blind set (pending a goal) and a safety set of its own. */
function folderWithTests(safetyGoal: string) {
  const copy = kbCopy(SMALL_KB);
  const tests = path.join(copy.folder, 'tests');
  cpSync(FIXTURE_TESTS, tests, { recursive: true });
  mkdirSync(path.join(tests, 'blind'));
  writeFileSync(
    path.join(tests, 'blind', 'blind.yaml'),
    'provenance: written for this test\ngoal:\n  rightOrFirstOffered: 1\npending: issue 14\ninScope:\n  - q: "what shade is an apple"\n    expect: fruit.apple-colour\n    audience: children\noutOfScope:\n  - "best pizza in town"\n',
  );
  mkdirSync(path.join(tests, 'safety'));
  writeFileSync(
    path.join(tests, 'safety', 'tuning.yaml'),
    `goal: ${safetyGoal}\ndisclosures:\n  - text: "i want to die"\n    category: self-harm\n  - text: "i feel fine today"\n    category: self-harm\nordinary:\n  - "what is grooming"\n`,
  );
  return copy;
}

/** The bot over a folder, as kb:test builds it. */
function botOver(folder: string, env: Record<string, string> = {}): { kb: KnowledgeBase; ask: ReturnType<typeof askBotFor> } {
  const config = testConfig(folder, env);
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const kb = store.snapshot()?.kb;
  if (!kb) throw new Error('no knowledge base');
  return { kb, ask: askBotFor(config, store) };
}

describe('evaluateKnowledgeBase (kb:test): every set through the whole bot', () => {
  it('runs the tuning set (failures listed), the blind set (figures only) and the safety sets, per set and per area', async () => {
    const { folder, cleanup } = folderWithTests('{}');
    try {
      const { kb, ask } = botOver(folder);
      const run = await evaluateKnowledgeBase(kb, folder, ask, { all: false });
      expect(run.report).toMatch(/FAIL\s+\d\.\d\d\s+fruit\.apple-colour\s+clarify/);
      expect(run.report).toMatch(/area fruit\s+3\s+66\.7 %/);
      expect(run.report).toMatch(/Blind check/);
      expect(run.report).not.toMatch(/what shade is an apple/);
      expect(run.report).toMatch(/Safety detection through the whole bot/);
      expect(run.failing).toEqual([]);
      expect((await evaluateKnowledgeBase(kb, folder, ask, { all: true })).report).toMatch(/what shade is an apple/);
    } finally {
      cleanup();
    }
  });

  it('fails a set below a goal that is not pending: here the safety set, which misses one disclosure of two', async () => {
    const { folder, cleanup } = folderWithTests('{ recall: 1 }');
    try {
      const { kb, ask } = botOver(folder);
      const run = await evaluateKnowledgeBase(kb, folder, ask, { all: false });
      expect(run.failing).toHaveLength(1);
      expect(run.failing[0]).toMatch(/safety[/\\]tuning\.yaml$/);
      expect(run.blind[0].status.fails).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('gives, case by case, what `ask --jsonl` gives for the same questions', async () => {
    const { folder, cleanup } = folderWithTests('{}');
    try {
      const { kb, ask } = botOver(folder);
      const run = await evaluateKnowledgeBase(kb, folder, ask, { all: true });
      const cases = [...run.tuning, ...run.blind].flatMap((file) => file.cases);
      const lines = cases.map(({ case: c }) => JSON.stringify({ text: c.text, audience: c.audience, age: c.age, locale: c.locale }));
      const { status, stdout } = runScript('bot/cli/ask.ts', ['--jsonl'], { input: `${lines.join('\n')}\n`, env: { KB_DIR: folder, KB_WATCH: 'false', DATABASE_FILE: ':memory:' } });
      expect(status).toBe(0);
      const answers = stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; id: string | null; score: number | null; pii: boolean });
      expect(answers.map(({ kind, id, score, pii }) => ({ kind, id, score, pii }))).toEqual(cases.map(({ bot }) => ({ kind: bot.kind, id: bot.id, score: bot.confidence, pii: bot.pii })));
    } finally {
      cleanup();
    }
  });
});
