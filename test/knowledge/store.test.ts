import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeError } from '../../knowledge/errors';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';
import { KnowledgeStore } from '../../knowledge/store';
import { SMALL_KB, kbCopy } from '../helpers/kbFolder';

describe('the knowledge store, reloading on a worker thread', () => {
  it('serves a valid edit, answering from it as a load on the request thread would', async () => {
    const copy = kbCopy(SMALL_KB);
    try {
      const store = new KnowledgeStore(copy.folder, DEFAULT_SEARCH_SETTINGS);
      const first = store.reload();
      const question = first.kb.entries[0].questions[0];
      const reloaded = await store.reloadOffThread();
      expect(store.snapshot()).toBe(reloaded);
      expect(reloaded.kb.version).toBe(first.kb.version);
      const [here, there] = [first.search.search(question), reloaded.search.search(question)];
      expect(there.candidates.map((c) => [c.entry.id, c.confidence])).toEqual(here.candidates.map((c) => [c.entry.id, c.confidence]));
      await store.close();
    } finally {
      copy.cleanup();
    }
  });

  it('refuses a broken edit with its file and line, and keeps serving the last good base', async () => {
    const copy = kbCopy(SMALL_KB);
    try {
      const store = new KnowledgeStore(copy.folder, DEFAULT_SEARCH_SETTINGS);
      const good = store.reload();
      const synonyms = path.join(copy.folder, 'synonyms.yaml');
      const original = readFileSync(synonyms, 'utf8');
      writeFileSync(synonyms, 'synonyms: [unclosed\n');
      await expect(store.reloadOffThread()).rejects.toBeInstanceOf(KnowledgeError);
      expect(store.snapshot()).toBe(good);
      expect(store.pendingError()?.problems[0]).toMatchObject({ file: expect.stringContaining('synonyms.yaml'), line: expect.any(Number) });
      // The same loading thread serves the next reload: the fixed file is served again.
      writeFileSync(synonyms, original);
      const fixed = await store.reloadOffThread();
      expect(store.snapshot() === fixed && store.pendingError() === undefined).toBe(true);
      await store.close();
    } finally {
      copy.cleanup();
    }
  });
});
