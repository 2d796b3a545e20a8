import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../bot/config';
import { startCommand } from '../../bot/startCommand';

describe("startCommand: how npm start runs the bot, for what starts it the same way", () => {
  let folder = '';
  beforeAll(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'cop-start-'))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const withStart = (start: string | undefined) => {
    const file = path.join(folder, 'package.json');
    writeFileSync(file, JSON.stringify(start === undefined ? { name: 'x' } : { scripts: { start } }));
    return file;
  };

  it("reads the project's own npm start: node flags, then an entry script that exists", () => {
    const { nodeArgs, script } = startCommand();
    expect(nodeArgs).toContain('--import');
    expect(existsSync(path.join(PROJECT_ROOT, script))).toBe(true);
  });

  it('splits node, its flags and the script, whatever the spacing', () => {
    expect(startCommand(withStart('  node --max-semi-space-size=4   --import tsx  bot/index.ts '))).toEqual({ nodeArgs: ['--max-semi-space-size=4', '--import', 'tsx'], script: 'bot/index.ts' });
    expect(startCommand(withStart('node bot/index.js'))).toEqual({ nodeArgs: [], script: 'bot/index.js' });
  });

  it.each([
    ['another command', 'tsx bot/index.ts'],
    ['node with no script', 'node'],
    ['a flag where the script should be', 'node bot/index.ts --inspect'],
    ['no start script', undefined],
  ])('says what is wrong with %s', (_case, start) => {
    expect(() => startCommand(withStart(start))).toThrow(/npm start must run "node \[flags…\] script"/);
  });
});
