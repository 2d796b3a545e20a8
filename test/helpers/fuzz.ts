import fc from 'fast-check';

/**
 * Generated inputs per property, named so the total is easy to read: 102,000 in all across test/property/
 * (the edge 72,000, the normaliser 20,000, the personal-data finder 8,000, the matcher 1,000 (a search on random
 * text takes ~20 ms), HTTP requests to the real server 1,000), and 2,000 for each of the five recognizer gates
 * (test/dialogs/recognizerGates.test.ts).
 */
export const RUNS = {
  activitySchema: 32_000,
  chatActivity: 20_000,
  headers: 10_000,
  jsonBody: 5_000,
  clientAddress: 5_000,
  normaliser: 20_000,
  personalData: 6_000,
  personalDataTemplates: 2_000,
  matcher: 1_000,
  recognizerGates: 2_000,
  http: 1_000,
} as const;

/** Text as people and attackers type it: any Unicode, texting, control characters, very long runs. */
export const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom('i', "i'm", 'im', 'my', 'name', 'is', 'from', 'in', 'son', 'Kai', 'leeds', 'SW1A 1AA', '12', 'Oak', 'Street', 'St', "Mary's", 'Academy', '@x', ',', '.', '?', '07700 900123', '2019-2020', 'NSW', '2000', 'Mr', 'and', 'here', 'live', 'at', 'school'), { maxLength: 25 }).map((words) => words.join(' ')),
);

/** Any JSON value, nested. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });
