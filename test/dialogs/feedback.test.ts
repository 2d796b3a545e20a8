import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JsonLinesFeedbackRecorder } from '../../dialogs/feedback';

describe('votes kept for the organisers', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'cop-feedback-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('appends votes as JSON lines, creating the folder on first use', async () => {
    const file = path.join(folder, 'data', 'feedback.jsonl');
    const recorder = new JsonLinesFeedbackRecorder(file);
    await recorder.record({ entryId: 'event.date', helpful: true, audience: 'general', channel: 'webchat', at: '2026-11-29T10:00:00.000Z' });
    await recorder.record({ entryId: 'risks.grooming', helpful: false, audience: 'children', channel: 'msteams', at: '2026-11-29T10:01:00.000Z' });
    expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { entryId: string }).map((v) => v.entryId)).toEqual(['event.date', 'risks.grooming']);
  });

  it('deletes votes older than the retention cutoff, and unreadable lines, keeping the rest', async () => {
    const file = path.join(folder, 'feedback.jsonl');
    const vote = (at: string) => JSON.stringify({ entryId: 'event.date', helpful: true, audience: 'general', channel: 'webchat', at });
    writeFileSync(file, [vote('2026-09-01T00:00:00.000Z'), 'not json', vote('2026-11-28T00:00:00.000Z')].join('\n') + '\n');
    const recorder = new JsonLinesFeedbackRecorder(file);
    expect(await recorder.purge(new Date('2026-10-30T00:00:00.000Z'))).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(`${vote('2026-11-28T00:00:00.000Z')}\n`);
    expect(await recorder.purge(new Date('2026-10-30T00:00:00.000Z'))).toBe(0);
    expect(await new JsonLinesFeedbackRecorder(path.join(folder, 'missing.jsonl')).purge(new Date())).toBe(0);
  });
});
