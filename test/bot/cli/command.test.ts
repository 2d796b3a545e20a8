import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommand } from '../../../bot/cli/command';
import { kbCopy, REAL_KB, SMALL_KB } from '../../helpers/kbFolder';
import { PROJECT, runScript } from '../../helpers/run';

const scripts = Object.keys((JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Runs an npm script as a user would; never longer than a minute. */
function npmRun(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parseCommand', () => {
  const usage = 'Usage: npm run thing -- [--all]\n';
  const quietly = <T>(work: () => T): T => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return work();
    } finally {
      write.mockRestore();
      error.mockRestore();
    }
  };

  it('gives the options and the words', () => {
    expect(parseCommand('thing', usage, ['--all', 'a', 'b'], { all: { type: 'boolean' } })).toEqual({ values: { all: true }, positionals: ['a', 'b'] });
  });

  it('answers --help with exit code 0, and a wrong option with 2, instead of arguments', () => {
    expect(quietly(() => parseCommand('thing', usage, ['--help'], { all: { type: 'boolean' } }))).toBe(0);
    expect(quietly(() => parseCommand('thing', usage, ['-h'], {}))).toBe(0);
    expect(quietly(() => parseCommand('thing', usage, ['--colour'], { all: { type: 'boolean' } }))).toBe(2);
  });
});

describe('every npm script', () => {
  it.each(scripts)('%s -- --help prints its usage and exits 0, doing nothing else', (script) => {
    const { status, stdout } = npmRun(script, ['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/usage|options/i);
    expect(stdout).not.toMatch(/Knowledge base OK|Tests:|in scope|listening/);
  });
});

describe('the commands read the configuration as the bot does', () => {
  it('kb:check checks the folder KB_DIR names', () => {
    const { status, stdout } = npmRun('kb:check', [], { KB_DIR: SMALL_KB });
    expect(status).toBe(0);
    expect(stdout).toMatch(/Knowledge base OK: 5 entries/);
    const broken = kbCopy(SMALL_KB, { 'entries/broken.yaml': 'entries:\n  - id: Not An Id\n' });
    try {
      const refused = npmRun('kb:check', [], { KB_DIR: broken.folder });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/entries\/broken\.yaml:\d+: /);
    } finally {
      broken.cleanup();
    }
  });

  it('kb:check fails on a near-copy of a tuning question planted in a blind set, naming file and line', () => {
    const blind = readFileSync(path.join(PROJECT, 'knowledge', 'content', 'tests', 'blind', 'blind.yaml'), 'utf8');
    const planted = blind.replace('\ninScope:\n', '\ninScope:\n  - q: "when did the online dialogue take place"\n    expect: event.date\n');
    const copy = kbCopy(REAL_KB, { 'tests/blind/blind.yaml': planted });
    try {
      const { status, stderr } = npmRun('kb:check', [], { KB_DIR: copy.folder });
      expect(status).toBe(1);
      expect(stderr).toMatch(/tests\/blind\/blind\.yaml:\d+: "when did the online dialogue take place" is a near-copy \(\d+ % of words shared\) of (.*tests\/event\.yaml:\d+|a question of entry "event\.[a-z-]+")/);
    } finally {
      copy.cleanup();
    }
  });

  it('safety:cross-check reads each retired blind set of KB_DIR with a model trained without it, for each setting given', () => {
    const fold = 'provenance: written for this test\ndisclosures:\n  self-harm:\n    - "zorbly flimbat quaxes wibbly snorf"\nordinary:\n  - "plonky grelt mimsy borogove"\n';
    const copy = kbCopy(SMALL_KB, { 'safety-training/retired-blind-x.yaml': fold });
    try {
      const { status, stdout } = npmRun('safety:cross-check', ['--overrule', '0.9,0.99', '--list'], { KB_DIR: copy.folder });
      expect(status).toBe(0);
      expect(stdout).toMatch(/^1 folds: retired-blind-x\.yaml$/m);
      expect(stdout.match(/--overrule 0\.9\d? --hedged-overrule 0\.9: recall 0\.0 % \(1 of 1 missed\), false alarms 0\.0 % \(0 of 1\)/g)).toHaveLength(2);
      expect(stdout).toMatch(/MISSED \(self-harm\) retired-blind-x\.yaml: zorbly flimbat/);
      const refused = npmRun('safety:cross-check', ['--sentence', 'high'], { KB_DIR: copy.folder });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/--sentence takes numbers from 0 to 1/);
    } finally {
      copy.cleanup();
    }
  });

  it('kb:test measures with the thresholds the bot runs with', () => {
    const copy = kbCopy(SMALL_KB, { 'tests/fruit.yaml': readFileSync(path.join(PROJECT, 'test', 'fixtures', 'kb-small-tests', 'fruit.yaml'), 'utf8') });
    try {
      const usual = runScript('bot/cli/kbTest.ts', [], { env: { KB_DIR: copy.folder } });
      expect(usual.status).toBe(0);
      const strict = runScript('bot/cli/kbTest.ts', [], { env: { KB_DIR: copy.folder, ANSWER_THRESHOLD: '0.99', CLARIFY_THRESHOLD: '0.98' } });
      expect(strict.status).toBe(1);
      expect(strict.stderr).toMatch(/below their goal: .*fruit\.yaml/);
    } finally {
      copy.cleanup();
    }
  });
});
