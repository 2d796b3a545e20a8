import { parentPort } from 'node:worker_threads';
import { KnowledgeError } from './errors';
import { loadKnowledgeBase } from './load';
import { trainedSafetyModelFor } from './intentTraining';
import { prepareSearch } from './search';
import type { LoadAnswer, LoadedOffThread, LoadRequest } from './offThread';

/**
 * The loading thread's whole job: load and validate a knowledge folder, normalise its questions and train its models (the
 * intent model and the safety classifier), then hand the result (plain data) back. The request thread only builds the index from it, so a reload does not stall answers.
 */
function load(folder: string): LoadedOffThread {
  try {
    const kb = loadKnowledgeBase(folder);
    return { ok: true, kb, prepared: prepareSearch(kb), safetyModel: trainedSafetyModelFor(kb) };
  } catch (error) {
    if (error instanceof KnowledgeError) return { ok: false, problems: [...error.problems] };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', ({ id, folder }: LoadRequest) => parentPort?.postMessage({ id, loaded: load(folder) } satisfies LoadAnswer));
