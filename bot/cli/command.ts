import { parseArgs } from 'node:util';
import { KnowledgeError } from '../../knowledge/errors';
import { ConfigError } from '../config';
import { StoreUnavailable } from '../stores';

/** The options a command takes: `--name VALUE` (string) or `--name` (boolean). */
type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedCommand {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Reads a command's arguments. `--help` prints the usage (exit 0); an unknown or malformed option prints why
 * and the usage (exit 2). Either way the caller gets the exit code instead of the arguments.
 */
export function parseCommand(name: string, usage: string, argv: string[], options: OptionSpec): ParsedCommand | number {
  let parsed: ParsedCommand;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usageError(name, usage, (error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    return 0;
  }
  return parsed;
}

/** Says what is wrong with the command line, then how to use it; exit code 2. */
export function usageError(name: string, usage: string, message: string): number {
  process.stderr.write(`${name}: ${message}\n\n${usage.trimEnd()}\n`);
  return 2;
}

/**
 * Runs a command's main function and sets the exit code. An error the command expects (`explain` returns its
 * message: bad configuration, an invalid knowledge base) is said in one line, exit 1; anything else with its stack.
 * A reader that stops early (`| head`) is not an error.
 */
export function runCommand(main: () => number | undefined | Promise<number | undefined>, explain: (error: unknown) => string | undefined = explainStartError): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        // undefined: the command goes on running (the bot), and ends with its own exit code.
        if (code !== undefined) process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`${explain(error) ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
        process.exitCode = 1;
      },
    );
}

/** The errors every command expects at start-up, said in one line: a bad setting, an invalid knowledge base. */
export function explainStartError(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof KnowledgeError || error instanceof StoreUnavailable ? error.message : undefined;
}
