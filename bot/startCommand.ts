import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';

/** How `npm start` runs the bot: node, its flags, and the entry script (relative to the project). */
export interface StartCommand {
  nodeArgs: string[];
  script: string;
}

/**
 * `npm start`'s command, read from package.json, so that what starts the bot elsewhere (the playground, the
 * benchmark) starts it exactly as `npm start` does, flags included, and cannot drift from it. It must be
 * `node [flags…] script`: what it is not, this says.
 */
export function startCommand(packageFile = path.join(PROJECT_ROOT, 'package.json')): StartCommand {
  const { scripts } = JSON.parse(readFileSync(packageFile, 'utf8')) as { scripts?: Record<string, string> };
  const start = scripts?.start ?? '';
  const [command, ...args] = start.trim().split(/\s+/);
  if (command !== 'node' || args.length === 0 || args[args.length - 1].startsWith('-')) {
    throw new Error(`npm start must run "node [flags…] script" for the bot to be started as it does; package.json has "${start}"`);
  }
  return { nodeArgs: args.slice(0, -1), script: args[args.length - 1] };
}
