import type { Request, Response } from 'restify';

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

  /** Refuses (403) a caller from an origin that may not call; lets a configured cross-site origin read the answer. */
  admit(req: Request, res: Response): boolean {
    const origin = this.originOf(req);
    if (origin === undefined) {
      res.send(403, { error: `this origin may not call ${req.path()}` });
      return false;
    }
    if (origin) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    return true;
  }

  /** Answers a CORS preflight for a POST route taking JSON. */
  preflight(req: Request, res: Response): void {
    if (!this.admit(req, res)) return;
    res.header('Access-Control-Allow-Methods', 'POST');
    res.header('Access-Control-Allow-Headers', 'Content-Type');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
  }
}
