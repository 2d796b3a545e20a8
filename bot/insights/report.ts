import type { MissReason, MissRecord, TurnRecord, VoteRecord } from '../../dialogs/insights';
import type { ReplyKind } from '../../dialogs/reply';
import path from 'node:path';
import { runInWorker } from '../../knowledge/offThread';
import { groupQuestions, wordWeights } from '../../knowledge/questionGroups';
import { labelOf, type KnowledgeBase } from '../../knowledge/types';

/** What the report reads: the recorded turns, votes and misses of the period. */
export interface ReportData {
  turns: TurnRecord[];
  votes: VoteRecord[];
  misses: MissRecord[];
}

/** The entry the questions of a group came closest to. */
export interface ClosestEntry {
  entryId: string;
  label: string;
  /** Mean confidence of that entry over the group's questions that had it first. */
  confidence: number;
}

export interface UnansweredGroup {
  representative: string;
  count: number;
  /** How many came from each kind of miss. */
  reasons: Record<MissReason, number>;
  /** Distinct phrasings, most asked first. */
  phrasings: { question: string; count: number }[];
  audiences: Record<string, number>;
  closest: ClosestEntry | null;
  /** Distinct people (by hashed id) who asked. */
  people: number;
}

export interface EntryVotes {
  entryId: string;
  label: string;
  down: number;
  up: number;
}

export interface Report {
  since: Date;
  until: Date;
  turns: number;
  byAudience: [string, number][];
  byChannel: [string, number][];
  outcomes: Record<ReplyKind, number>;
  unanswered: UnansweredGroup[];
  mostThumbsDown: EntryVotes[];
  /** Entries no turn was answered with in the period (context-only entries are reached as follow-ups only). */
  neverHit: { entryId: string; label: string; contextOnly: boolean }[];
  entriesTotal: number;
  knowledgeBaseVersion: string;
}

const KINDS: readonly ReplyKind[] = ['answer', 'clarify', 'fallback', 'safety'];

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The entry most often first among a group's candidates, with its mean confidence there. */
function closestEntry(misses: readonly MissRecord[], kb: KnowledgeBase): ClosestEntry | null {
  const firsts = misses.flatMap((miss) => (miss.candidates[0] ? [miss.candidates[0]] : []));
  const [top] = countBy(firsts, (candidate) => candidate.entryId);
  if (!top) return null;
  const confidences = firsts.filter((c) => c.entryId === top[0]).map((c) => c.confidence);
  const entry = kb.byId.get(top[0]);
  return { entryId: top[0], label: entry ? labelOf(entry) : top[0], confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length };
}

/** Groups the misses of a period by topic (largest first), each with where it came closest. */
export function unansweredGroups(misses: readonly MissRecord[], kb: KnowledgeBase): UnansweredGroup[] {
  return groupQuestions(misses, wordWeights(kb)).map((group) => {
    const reasons: Record<MissReason, number> = { fallback: 0, 'none-of-these': 0, 'thumbs-down': 0 };
    for (const miss of group.members) reasons[miss.reason]++;
    return {
      representative: group.representative,
      count: group.members.length,
      reasons,
      phrasings: group.phrasings,
      audiences: Object.fromEntries(countBy(group.members, (miss) => miss.audience)),
      closest: closestEntry(group.members, kb),
      people: new Set(group.members.map((miss) => miss.userHash)).size,
    };
  });
}

/** Everything the organisers' report shows, for one period. */
export function buildReport(data: ReportData, kb: KnowledgeBase, since: Date, until = new Date()): Report {
  const outcomes = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ReplyKind, number>;
  for (const turn of data.turns) outcomes[turn.kind]++;

  const votes = new Map<string, EntryVotes>();
  for (const vote of data.votes) {
    const entry = kb.byId.get(vote.entryId);
    const row = votes.get(vote.entryId) ?? { entryId: vote.entryId, label: entry ? labelOf(entry) : vote.entryId, down: 0, up: 0 };
    if (vote.helpful) row.up++;
    else row.down++;
    votes.set(vote.entryId, row);
  }

  const hit = new Set(data.turns.filter((turn) => turn.entryId && (turn.kind === 'answer' || turn.kind === 'safety')).map((turn) => turn.entryId));
  return {
    since,
    until,
    turns: data.turns.length,
    byAudience: countBy(data.turns, (turn) => turn.audience),
    byChannel: countBy(data.turns, (turn) => turn.channel),
    outcomes,
    unanswered: unansweredGroups(data.misses, kb),
    mostThumbsDown: [...votes.values()].filter((row) => row.down > 0).sort((a, b) => b.down - a.down || a.up - b.up || a.entryId.localeCompare(b.entryId)),
    neverHit: kb.entries.filter((entry) => !hit.has(entry.id)).map((entry) => ({ entryId: entry.id, label: labelOf(entry), contextOnly: entry.contextOnly })),
    entriesTotal: kb.entries.length,
    knowledgeBaseVersion: kb.version,
  };
}

/** `buildReport` on a worker thread, for the running bot: the request thread keeps answering meanwhile. */
export function buildReportOffThread(data: ReportData, kb: KnowledgeBase, since: Date): Promise<Report> {
  return runInWorker<Report>(path.join(__dirname, 'reportWorker'), { data, kb, since });
}

/** A `--since` (or `?since=`) that is not a period. */
export class SinceError extends Error {
  constructor(value: string) {
    super(`--since must be like 7d, 24h, 30m (at most 10 years) or a date such as 2026-11-01, got "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`);
    this.name = 'SinceError';
  }
}

/** The longest period a report may cover: more than any retention setting allows. */
const MAX_PERIOD_MS = 3650 * 86_400_000;

/** "7d", "24h", "30m" or a date ("2026-11-01", "2026-11-01T08:00Z") → the start of the period, at most 10 years back. */
export function parseSince(value: string, now = new Date()): Date {
  const relative = /^(\d{1,9})\s*([dhm])$/i.exec(value.trim());
  let start: Date;
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2].toLowerCase() as 'd' | 'h' | 'm'];
    start = new Date(now.getTime() - Number(relative[1]) * unit);
  } else {
    const date = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(value.trim());
    start = date ? new Date(value.trim()) : new Date(Number.NaN);
    // "2020-02-30" is no date (JavaScript would read it as 1 March).
    if (date && !Number.isNaN(start.getTime()) && value.trim().length === 10 && start.toISOString().slice(0, 10) !== `${date[1]}-${date[2]}-${date[3]}`) throw new SinceError(value);
  }
  if (Number.isNaN(start.getTime()) || now.getTime() - start.getTime() > MAX_PERIOD_MS) throw new SinceError(value);
  return start;
}

/** Share of `part` in `whole`, as "12.5 %". */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;
}
