import { percent, type Report } from './report';
import { escapeHtml } from '../html';

const KIND_LABELS = { answer: 'answered', clarify: 'did you mean…?', fallback: "didn't know", safety: 'safety answer' } as const;
const REASON_LABELS = { fallback: "didn't know", 'none-of-these': 'None of these', 'thumbs-down': '👎' } as const;

const when = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

function reasonsText(reasons: Record<string, number>): string {
  return Object.entries(reasons)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${REASON_LABELS[reason as keyof typeof REASON_LABELS]} ${n}`)
    .join(', ');
}

/** The report as plain text, for the terminal. */
export function reportText(report: Report, options: { neverHitLimit?: number } = {}): string {
  const lines: string[] = [];
  const { turns } = report;
  lines.push(`COP Guide Bot report: ${when(report.since)} → ${when(report.until)} UTC (knowledge base ${report.knowledgeBaseVersion})`, '');
  lines.push(`Turns: ${turns}`);
  lines.push(`  by audience: ${report.byAudience.map(([name, n]) => `${name} ${n}`).join(' · ') || '—'}`);
  lines.push(`  by channel:  ${report.byChannel.map(([name, n]) => `${name} ${n}`).join(' · ') || '—'}`);
  lines.push(`Outcomes: ${Object.entries(report.outcomes).map(([kind, n]) => `${KIND_LABELS[kind as keyof typeof KIND_LABELS]} ${n} (${percent(n, turns)})`).join(' · ')}`, '');

  lines.push(`Unanswered questions, grouped by topic (${report.unanswered.length} groups, ${report.unanswered.reduce((sum, g) => sum + g.count, 0)} questions):`);
  if (report.unanswered.length === 0) lines.push('  none');
  for (const group of report.unanswered) {
    const closest = group.closest ? `closest: ${group.closest.entryId} (${group.closest.confidence.toFixed(2)})` : 'no close entry';
    lines.push(`  ${String(group.count).padStart(4)} × "${group.representative}"  [${reasonsText(group.reasons)}; ${group.people} ${group.people === 1 ? 'person' : 'people'}; ${closest}]`);
    for (const other of group.phrasings.slice(1, 4)) lines.push(`         also: "${other.question}"${other.count > 1 ? ` × ${other.count}` : ''}`);
    if (group.phrasings.length > 4) lines.push(`         and ${group.phrasings.length - 4} more phrasings`);
  }
  lines.push('');

  lines.push('Entries with the most 👎:');
  if (report.mostThumbsDown.length === 0) lines.push('  none');
  for (const row of report.mostThumbsDown) lines.push(`  👎 ${String(row.down).padStart(3)}  👍 ${String(row.up).padStart(3)}  ${row.entryId} (${row.label})`);
  lines.push('');

  const limit = options.neverHitLimit ?? Number.POSITIVE_INFINITY;
  lines.push(`Entries never hit in the period: ${report.neverHit.length} of ${report.entriesTotal}`);
  for (const entry of report.neverHit.slice(0, limit)) lines.push(`  ${entry.entryId}${entry.contextOnly ? ' (follow-up only)' : ''}`);
  if (report.neverHit.length > limit) lines.push(`  … and ${report.neverHit.length - limit} more`);
  return `${lines.join('\n')}\n`;
}

/** A horizontal bar chart as inline SVG: one labelled bar per row, the value at its end. */
export function barChart(title: string, rows: readonly [string, number][], colour = '#005a9e'): string {
  const barHeight = 22;
  const gap = 8;
  const labelWidth = 170;
  const chartWidth = 360;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const height = rows.length * (barHeight + gap) + gap;
  const bars = rows
    .map(([label, n], i) => {
      const y = gap + i * (barHeight + gap);
      const width = Math.max(n > 0 ? 2 : 0, Math.round((chartWidth * n) / max));
      return (
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${width}" height="${barHeight}" rx="3" fill="${colour}"/>` +
        `<text x="${labelWidth + width + 6}" y="${y + 15}">${n}</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + chartWidth + 60} ${height}" width="100%" style="max-width:${labelWidth + chartWidth + 60}px">${bars}</svg></figure>`;
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0 auto; max-width: 1000px; padding: 16px 20px 40px; color: #1b1b1b; }
h1 { font-size: 1.5rem; margin-bottom: 0; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 2px solid #005a9e; padding-bottom: 4px; }
.meta { color: #555; margin-top: 4px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid #d9dde3; border-radius: 8px; padding: 10px 14px; min-width: 130px; }
.card strong { display: block; font-size: 1.6rem; }
figure { margin: 12px 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font-size: 13px; fill: #1b1b1b; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e3e6ea; }
th { background: #f4f6f9; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.also { color: #555; font-size: 0.85rem; margin: 2px 0 0; padding-left: 18px; }
.none { color: #555; font-style: italic; }
`;

/** The report as one self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched). */
export function reportHtml(report: Report): string {
  const { turns } = report;
  const outcomeRows = Object.entries(report.outcomes).map(([kind, n]) => [KIND_LABELS[kind as keyof typeof KIND_LABELS], n] as [string, number]);
  const cards = [
    ['turns', String(turns)],
    ['answered', percent(report.outcomes.answer, turns)],
    ['did you mean…?', percent(report.outcomes.clarify, turns)],
    ["didn't know", percent(report.outcomes.fallback, turns)],
    ['safety answers', percent(report.outcomes.safety, turns)],
  ]
    .map(([label, value]) => `<div class="card"><strong>${escapeHtml(value)}</strong>${escapeHtml(label)}</div>`)
    .join('');

  const unanswered = report.unanswered.length
    ? `<table><thead><tr><th>Asked</th><th>Question, and other phrasings</th><th>Why</th><th>People</th><th>Closest entry</th></tr></thead><tbody>${report.unanswered
        .map(
          (group) =>
            `<tr><td class="n">${group.count}</td><td>${escapeHtml(group.representative)}${
              group.phrasings.length > 1
                ? `<ul class="also">${group.phrasings
                    .slice(1, 6)
                    .map((p) => `<li>${escapeHtml(p.question)}${p.count > 1 ? ` × ${p.count}` : ''}</li>`)
                    .join('')}${group.phrasings.length > 6 ? `<li>and ${group.phrasings.length - 6} more</li>` : ''}</ul>`
                : ''
            }</td><td>${escapeHtml(reasonsText(group.reasons))}</td><td class="n">${group.people}</td><td>${
              group.closest ? `${escapeHtml(group.closest.entryId)} (${group.closest.confidence.toFixed(2)})` : '<span class="none">none</span>'
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="none">No unanswered questions in this period.</p>';

  const thumbs = report.mostThumbsDown.length
    ? `<table><thead><tr><th>👎</th><th>👍</th><th>Entry</th></tr></thead><tbody>${report.mostThumbsDown
        .map((row) => `<tr><td class="n">${row.down}</td><td class="n">${row.up}</td><td>${escapeHtml(row.entryId)} — ${escapeHtml(row.label)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="none">No 👎 in this period.</p>';

  const neverHit = report.neverHit.length
    ? `<details><summary>${report.neverHit.length} of ${report.entriesTotal} entries</summary><ul>${report.neverHit
        .map((entry) => `<li>${escapeHtml(entry.entryId)} — ${escapeHtml(entry.label)}${entry.contextOnly ? ' (follow-up only)' : ''}</li>`)
        .join('')}</ul></details>`
    : '<p class="none">Every entry was used.</p>';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>COP Guide Bot report, ${escapeHtml(when(report.since))} to ${escapeHtml(when(report.until))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>COP Guide Bot report</h1>
<p class="meta">${escapeHtml(when(report.since))} to ${escapeHtml(when(report.until))} UTC · knowledge base ${escapeHtml(report.knowledgeBaseVersion)}</p>
<div class="cards">${cards}</div>
<h2>Turns</h2>
${barChart('What people got', outcomeRows)}
${barChart('Turns by audience', report.byAudience, '#2f7d32')}
${barChart('Turns by channel', report.byChannel, '#6b4fa0')}
<h2>Questions the bot could not answer, grouped by topic</h2>
${unanswered}
<h2>Entries with the most 👎</h2>
${thumbs}
<h2>Entries never hit</h2>
${neverHit}
</body>
</html>
`;
}
