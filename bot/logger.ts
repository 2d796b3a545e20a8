import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** JSON logs on standard error (so standard output stays free for the CLIs' results), or to a given stream. */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { service: 'cop-guide-bot' } }, destination);
}

/**
 * What a log line keeps of an error met while serving a request: its kind, status and where it was thrown, but
 * not its message, which can quote what a caller or a channel sent (ids, phone numbers, message text).
 */
export function errorFacts(error: unknown): { type: string; statusCode?: number; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const { statusCode, code } = error as Error & { statusCode?: unknown; code?: unknown };
  return {
    type: error.name,
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n') } : {}),
  };
}
