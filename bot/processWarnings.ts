import type { Logger } from './logger';

/**
 * Node prints process warnings (restify's spdy dependency triggers DEP0111 on load) to standard error as plain
 * text, breaking the one-JSON-object-per-line log. Imported first by the composition root, this takes over
 * Node's printer and keeps what arrives before the logger exists; `logWarningsTo` writes them as JSON lines.
 */
const early: Error[] = [];
let log: ((warning: Error) => void) | undefined;

process.removeAllListeners('warning');
process.on('warning', (warning) => (log ? log(warning) : early.push(warning)));

export function logWarningsTo(logger: Logger): void {
  log = (warning) => logger.warn({ warning: warning.name, code: (warning as Error & { code?: string }).code }, warning.message);
  for (const warning of early.splice(0)) log(warning);
}
