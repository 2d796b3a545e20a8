import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startCommand } from '../../bot/startCommand';

export const PROJECT = path.join(__dirname, '..', '..');
const TSX = path.join(PROJECT, 'node_modules', '.bin', 'tsx');

/** Runs one of the project's TypeScript entry points as its npm script would, and collects its output. */
export function runScript(script: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(TSX, [path.join(PROJECT, script), ...args], {
    cwd: PROJECT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a few lines of TypeScript in a process of their own, in the project folder (as `tsx -e` does). */
export function runInline(code: string) {
  const result = spawnSync(TSX, ['-e', code], { cwd: PROJECT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts the bot's process exactly as `npm start` does (node, its flags and the entry, without npm), so that the
 * start command itself is tested; resolves once `ready` matches its standard error.
 */
export function startBot(env: Record<string, string>, ready: RegExp) {
  const { nodeArgs, script } = startCommand();
  const child = spawn(process.execPath, [...nodeArgs, path.join(PROJECT, script)], { cwd: PROJECT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = ready.exec(stderr);
      if (match) resolve(match[0]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${stderr}`)));
  });
  return { child, started, exited, stderr: () => stderr };
}
