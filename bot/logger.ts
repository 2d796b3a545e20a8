import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** JSON logs on standard error (so standard output stays free for the CLIs' results), or to a given stream. */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { service: 'cop-guide-bot' } }, destination);
}
