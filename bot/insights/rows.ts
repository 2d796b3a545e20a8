import type { CandidateRecord, MissReason, MissRecord, TurnRecord, VoteRecord } from '../../dialogs/insights';
import type { ReplyKind } from '../../dialogs/reply';
import type { Audience } from '../../knowledge/types';

/**
 * The rows of the organisers' tables as both databases return them, and the records they are. `at` is
 * milliseconds since 1970: a number from SQLite, a string from PostgreSQL's BIGINT (which can exceed 2^53; these
 * cannot).
 */
export interface TurnRow {
  at: number | string;
  channel: string;
  audience: string;
  kind: string;
  entry_id: string | null;
  confidence: number | null;
}
export interface VoteRow {
  at: number | string;
  entry_id: string;
  helpful: number;
  audience: string;
  channel: string;
}
export interface MissRow {
  at: number | string;
  reason: string;
  question: string;
  normalised: string;
  audience: string;
  channel: string;
  candidates: string;
  entry_id: string | null;
  user_hash: string;
}

/** The columns each SELECT reads, in the order of the rows above. */
export const TURN_COLUMNS = 'at, channel, audience, kind, entry_id, confidence';
export const VOTE_COLUMNS = 'at, entry_id, helpful, audience, channel';
export const MISS_COLUMNS = 'at, reason, question, normalised, audience, channel, candidates, entry_id, user_hash';

export function turnFromRow(row: TurnRow): TurnRecord {
  return { at: new Date(Number(row.at)), channel: row.channel, audience: row.audience as Audience, kind: row.kind as ReplyKind, entryId: row.entry_id, confidence: row.confidence };
}

export function voteFromRow(row: VoteRow): VoteRecord {
  return { at: new Date(Number(row.at)), entryId: row.entry_id, helpful: row.helpful === 1, audience: row.audience as Audience, channel: row.channel };
}

export function missFromRow(row: MissRow): MissRecord {
  return {
    at: new Date(Number(row.at)),
    reason: row.reason as MissReason,
    question: row.question,
    normalised: row.normalised,
    audience: row.audience as Audience,
    channel: row.channel,
    candidates: JSON.parse(row.candidates) as CandidateRecord[],
    entryId: row.entry_id,
    userHash: row.user_hash,
  };
}

/** A record's values in the order of the INSERT statements both databases use. */
export const turnValues = (turn: TurnRecord) => [turn.at.getTime(), turn.channel, turn.audience, turn.kind, turn.entryId, turn.confidence];
export const voteValues = (vote: VoteRecord) => [vote.at.getTime(), vote.entryId, vote.helpful ? 1 : 0, vote.audience, vote.channel];
export const missValues = (miss: MissRecord) => [miss.at.getTime(), miss.reason, miss.question, miss.normalised, miss.audience, miss.channel, JSON.stringify(miss.candidates), miss.entryId, miss.userHash];
