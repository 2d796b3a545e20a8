import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Audience } from '../knowledge/types';

/** A 👍 / 👎 on an answer. Never the user's words: only which entry, who (by audience) and where. */
export interface FeedbackVote {
  entryId: string;
  helpful: boolean;
  audience: Audience;
  channel: string;
  at: string;
}

export interface FeedbackRecorder {
  record(vote: FeedbackVote): Promise<void>;
}

/** Appends each vote as a JSON line to a file (created with its folder on first use), for the organisers' report. */
export class JsonLinesFeedbackRecorder implements FeedbackRecorder {
  constructor(private readonly file: string) {}

  async record(vote: FeedbackVote): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(vote)}\n`, 'utf8');
  }
}

/** Keeps votes in memory: for tests and the `ask` CLI. */
export class MemoryFeedbackRecorder implements FeedbackRecorder {
  readonly votes: FeedbackVote[] = [];

  record(vote: FeedbackVote): Promise<void> {
    this.votes.push(vote);
    return Promise.resolve();
  }
}
