import type { Next, Request, Response } from 'restify';
import { RequestRefused } from './httpErrors';

/**
 * Which browsers may call the bot's public routes: the bot's own pages always, other sites only when their
 * origin is configured (`CHAT_ALLOWED_ORIGINS`), and non-browser callers (no Origin header) too.
 */
export class OriginGate {
  private readonly allowed: Set<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.allowed = new Set(allowedOrigins);
  }

  /** The origin of a cross-site caller if it may call, '' for a same-origin or non-browser caller, undefined if refused. */
  private originOf(req: Request): string | undefined {
    const origin = req.header('origin');
    if (!origin) return '';
    const host = req.header('host');
    if (host && (origin === `http://${host}` || origin === `https://${host}`)) return '';
    return this.allowed.has(origin) ? origin : undefined;
  }

  /** Whether the caller's origin may call; a configured cross-site origin is also let read the answer (CORS headers). */
  admits(req: Request, res: Response): boolean {
    const origin = this.originOf(req);
    if (origin === undefined) return false;
    if (origin) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    return true;
  }

  /** Route middleware: a caller from an origin that may not call gets 403 and goes no further. */
  readonly admit = (req: Request, res: Response, next: Next): void => {
    next(this.admits(req, res) ? undefined : new RequestRefused(403, `this origin may not call ${req.path()}`));
  };

  /** Answers a CORS preflight for a POST route taking JSON. */
  preflight(req: Request, res: Response): void {
    if (!this.admits(req, res)) throw new RequestRefused(403, `this origin may not call ${req.path()}`);
    res.header('Access-Control-Allow-Methods', 'POST');
    res.header('Access-Control-Allow-Headers', 'Content-Type');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
  }
}
