import { parentPort, workerData } from 'node:worker_threads';
import type { KnowledgeBase } from '../../knowledge/types';
import { buildReport, type ReportData } from './report';

/** Builds one report on a worker thread: grouping thousands of unanswered questions compares every pair. */
const { data, kb, since } = workerData as { data: ReportData; kb: KnowledgeBase; since: Date };
parentPort?.postMessage(buildReport(data, kb, since));
