import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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

  /** Deletes votes older than `cutoff` (and unreadable lines); returns how many were deleted. Replaces the file atomically. */
  async purge(cutoff: Date): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const lines = text.split('\n').filter(Boolean);
    const kept = lines.filter((line) => {
      try {
        return new Date((JSON.parse(line) as FeedbackVote).at) >= cutoff;
      } catch {
        return false;
      }
    });
    if (kept.length === lines.length) return 0;
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, kept.map((line) => `${line}\n`).join(''), 'utf8');
    await rename(temporary, this.file);
    return lines.length - kept.length;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Applies the retention setting now and then daily (the timer never keeps the process alive). */
export function scheduleRetention(recorder: JsonLinesFeedbackRecorder, days: number, onPurged: (deleted: number) => void, onError: (error: unknown) => void): NodeJS.Timeout {
  const run = () =>
    recorder
      .purge(new Date(Date.now() - days * DAY_MS))
      .then((deleted) => deleted > 0 && onPurged(deleted))
      .catch(onError);
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return timer;
}

/** Keeps votes in memory: for tests and the `ask` CLI. */
export class MemoryFeedbackRecorder implements FeedbackRecorder {
  readonly votes: FeedbackVote[] = [];

  record(vote: FeedbackVote): Promise<void> {
    this.votes.push(vote);
    return Promise.resolve();
  }
}
