import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** JSON logs on standard error, so standard output stays free for the CLIs' results. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'cop-guide-bot' } }, pino.destination(2));
}
