import path from 'node:path';
import { evaluateSearch, formatReport, readEvaluationSet } from '../evaluate';
import { loadKnowledgeBase } from '../load';
import { KnowledgeSearch } from '../search';

/** `npm run kb:eval [SET.yaml] [--failures]`: how the search does on a labelled question set. */
const args = process.argv.slice(2);
const setFile = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', '..', 'test', 'fixtures', 'search-eval.yaml'));
const search = new KnowledgeSearch(loadKnowledgeBase(path.join(__dirname, '..')));
const report = evaluateSearch(search, readEvaluationSet(setFile));
process.stdout.write(`${formatReport(report)}\n`);
if (args.includes('--failures')) process.stdout.write(`\n${report.failures.join('\n')}\n`);
