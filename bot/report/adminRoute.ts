import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { KnowledgeStore } from '../../knowledge/store';
import type { InsightsDatabase } from '../insightsDb';
import { setCommonHeaders } from '../webchat/assets';
import { buildReportOffThread, parseSince, SinceError } from './report';
import { reportHtml } from './render';

export interface AdminReportOptions {
  /** Empty: the route answers 404, as if it did not exist. */
  token: string;
  insights: InsightsDatabase;
  store: KnowledgeStore;
}

/** Compares secrets in constant time: hashing first gives both sides the same length. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `GET /admin/report[?since=7d]`: the organisers' report, live, for `Authorization: Bearer $ADMIN_TOKEN` only. */
export function addAdminReportRoute(server: Server, { token, insights, store }: AdminReportOptions): void {
  server.get('/admin/report', async (req: Request, res: Response) => {
    setCommonHeaders(res);
    res.header('Cache-Control', 'no-store');
    if (!token) {
      res.send(404, { error: 'the admin report is off: set ADMIN_TOKEN to turn it on' });
      return;
    }
    const [scheme, given] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !given || !sameSecret(given, token)) {
      res.header('WWW-Authenticate', 'Bearer realm="COP Guide Bot admin"');
      res.send(401, { error: 'send Authorization: Bearer <ADMIN_TOKEN>' });
      return;
    }
    const snapshot = store.snapshot();
    if (!snapshot) {
      res.send(503, { error: 'no knowledge base is loaded' });
      return;
    }
    let since: Date;
    try {
      since = parseSince(new URL(req.url ?? '/', 'http://localhost').searchParams.get('since') ?? '7d');
    } catch (error) {
      if (!(error instanceof SinceError)) throw error;
      res.send(400, { error: error.message.replace('--since', 'since') });
      return;
    }
    const report = await buildReportOffThread({ turns: insights.turnsSince(since), votes: insights.votesSince(since), misses: insights.missesSince(since) }, snapshot.kb, since);
    const html = Buffer.from(reportHtml(report));
    // A page with no script: inline styles only, nothing fetched.
    res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length });
    res.end(html);
  });
}
