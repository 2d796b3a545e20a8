import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { KnowledgeStore } from '../../knowledge/store';
import type { InsightsStore } from './store';
import { RequestRefused } from '../httpErrors';
import { setCommonHeaders } from '../webchat/assets';
import { buildReportOffThread, parseSince, SinceError } from './report';
import { reportHtml } from './reportPages';

export interface AdminReportOptions {
  /** Empty: the route answers 404, as if it did not exist. */
  token: string;
  insights: InsightsStore;
  store: KnowledgeStore;
}

/** Compares secrets in constant time: hashing first gives both sides the same length. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reports built at once; one more may wait. A report over a busy month takes seconds and a worker thread. */
const REPORTS_AT_ONCE = 1;
const REPORTS_WAITING = 1;

/** `GET /admin/report[?since=7d]`: the organisers' report, live, for `Authorization: Bearer $ADMIN_TOKEN` only. */
export function addAdminReportRoute(server: Server, { token, insights, store }: AdminReportOptions): void {
  let building = 0;
  const waiting: (() => void)[] = [];
  /** Runs `work` when a slot is free; refuses (429) when the queue is full, so parallel requests cannot pile up workers. */
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    if (building >= REPORTS_AT_ONCE) {
      if (waiting.length >= REPORTS_WAITING) throw new RequestRefused(429, 'a report is being built: try again in a few seconds');
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    building++;
    try {
      return await work();
    } finally {
      building--;
      waiting.shift()?.();
    }
  };

  server.get('/admin/report', async (req: Request, res: Response) => {
    setCommonHeaders(res);
    res.header('Cache-Control', 'no-store');
    if (!token) throw new RequestRefused(404, 'the admin report is off: set ADMIN_TOKEN to turn it on');
    const [scheme, given] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !given || !sameSecret(given, token)) {
      res.header('WWW-Authenticate', 'Bearer realm="COP Guide Bot admin"');
      throw new RequestRefused(401, 'send Authorization: Bearer <ADMIN_TOKEN>');
    }
    const snapshot = store.snapshot();
    if (!snapshot) throw new RequestRefused(503, 'no knowledge base is loaded');
    let since: Date;
    try {
      since = parseSince(new URL(req.url ?? '/', 'http://localhost').searchParams.get('since') ?? '7d');
    } catch (error) {
      if (!(error instanceof SinceError)) throw error;
      throw new RequestRefused(400, error.message.replace('--since', 'since'));
    }
    const report = await inTurn(async () => buildReportOffThread(await insights.readSince(since), snapshot.kb, since));
    const html = Buffer.from(reportHtml(report));
    // A page with no script: inline styles only, nothing fetched.
    res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length });
    res.end(html);
  });
}
