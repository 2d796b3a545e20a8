import { buildReport } from '../../../bot/insights/report';
import { reportHtml, reportText } from '../../../bot/insights/reportPages';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { SMALL_KB } from '../../helpers/kbFolder';

const kb = loadKnowledgeBase(SMALL_KB);
const at = new Date('2026-12-01T10:00:00Z');
const since = new Date('2026-11-24T00:00:00Z');
const until = new Date('2026-12-01T12:00:00Z');
const report = buildReport(
  {
    turns: [
      { at, channel: 'webchat', audience: 'children', kind: 'answer', entryId: 'fruit.apple-colour', confidence: 0.9 },
      { at, channel: 'msteams', audience: 'general', kind: 'fallback', entryId: null, confidence: 0.1 },
    ],
    votes: [{ at, entryId: 'fruit.apple-colour', helpful: false, audience: 'children', channel: 'webchat' }],
    misses: [{ at, reason: 'fallback', question: 'do bananas <glow>?', normalised: 'banana glow', audience: 'general', channel: 'msteams', candidates: [], entryId: null, userHash: 'h1' }],
  },
  kb,
  since,
  until,
);

describe('the report pages', () => {
  it('writes the report as text: turns, outcomes, unanswered questions, 👎 and entries never hit', () => {
    const text = reportText(report, { neverHitLimit: 1 });
    expect(text).toMatch(/^COP Guide Bot report: 2026-11-24 00:00 → 2026-12-01 12:00 UTC/);
    expect(text).toContain('Turns: 2');
    expect(text).toMatch(/by channel: {2}(msteams 1 · webchat 1|webchat 1 · msteams 1)/);
    expect(text).toContain('1 × "do bananas <glow>?"');
    expect(text).toMatch(/👎\s+1\s+👍\s+0\s+fruit\.apple-colour \(Apple colours\)/);
    expect(text).toMatch(/Entries never hit in the period: \d+ of \d+\n {2}\S+\n {2}… and \d+ more/);
  });

  it('writes a self-contained page: charts inline, text escaped, nothing fetched', () => {
    const html = reportHtml(report);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html).toContain('do bananas &lt;glow&gt;?');
    expect(html).not.toContain('<glow>');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
  });
});
