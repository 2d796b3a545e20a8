import { createHmac } from 'node:crypto';
import type { Audience } from '../knowledge/types';
import type { ReplyKind } from './reply';

/** One user message and what it got. Never the user's words nor who they are: for rates and entry hits. */
export interface TurnRecord {
  at: Date;
  channel: string;
  audience: Audience;
  kind: ReplyKind;
  entryId: string | null;
  confidence: number | null;
}

/** A 👍 / 👎 on an answer. */
export interface VoteRecord {
  at: Date;
  entryId: string;
  helpful: boolean;
  audience: Audience;
  channel: string;
}

/** Why a question went to the organisers' inbox. */
export type MissReason = 'fallback' | 'none-of-these' | 'thumbs-down';

/** An entry the search offered, with its confidence. */
export interface CandidateRecord {
  entryId: string;
  confidence: number;
}

/**
 * A question the bot could not answer well: no match, "None of these", or an answer voted 👎. The question is
 * kept with personal data already replaced (`[phone]`, `[email]`, …); the user only as a salted hash.
 */
export interface MissRecord {
  at: Date;
  reason: MissReason;
  /** The user's question, redacted. */
  question: string;
  /** The question as the search saw it (normalised words). */
  normalised: string;
  audience: Audience;
  channel: string;
  candidates: CandidateRecord[];
  /** The entry voted 👎, for a thumbs-down. */
  entryId: string | null;
  userHash: string;
}

/** Where the bot leaves what organisers need to improve it: turns, votes and the unanswered questions. */
export interface InsightRecorder {
  recordTurn(turn: TurnRecord): void;
  recordVote(vote: VoteRecord): void;
  recordMiss(miss: MissRecord): void;
  /** A salted one-way hash of a user id: the same user gives the same hash, and nobody can turn it back. */
  hashUser(userId: string): string;
}

/** Keeps everything in memory: for tests and the `ask` CLI. */
export class MemoryInsightRecorder implements InsightRecorder {
  readonly turns: TurnRecord[] = [];
  readonly votes: VoteRecord[] = [];
  readonly misses: MissRecord[] = [];

  recordTurn(turn: TurnRecord): void {
    this.turns.push(turn);
  }

  recordVote(vote: VoteRecord): void {
    this.votes.push(vote);
  }

  recordMiss(miss: MissRecord): void {
    this.misses.push(miss);
  }

  hashUser(userId: string): string {
    return hashUserId('memory', userId);
  }
}

/** HMAC-SHA-256 of the user id under a secret salt, shortened: enough to count people, useless to find them. */
export function hashUserId(salt: string, userId: string): string {
  return createHmac('sha256', salt).update(userId).digest('base64url').slice(0, 22);
}
