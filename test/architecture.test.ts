import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The shape ARCHITECTURE.md describes, checked: which folder may import which, no circles, tests mirroring sources. */

const ROOT = path.resolve(__dirname, '..');
const SOURCE_FOLDERS = ['bot', 'dialogs', 'knowledge', 'teams'];

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((item) => {
    const relative = path.posix.join(folder, item.name);
    if (item.isDirectory()) return item.name === 'node_modules' ? [] : filesUnder(relative);
    return item.name.endsWith('.ts') && !item.name.endsWith('.d.ts') ? [relative] : [];
  });
}

const sources = SOURCE_FOLDERS.flatMap(filesUnder);

/** What a file imports: project files (resolved, relative to the root) and packages (by name). */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  const files: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) {
      packages.push(fileName.startsWith('@') ? fileName.split('/').slice(0, 2).join('/') : fileName.split('/')[0]);
      continue;
    }
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    const resolved = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => existsSync(path.join(ROOT, candidate)));
    if (resolved?.endsWith('.ts')) files.push(resolved);
  }
  return { files, packages };
}

const graph = new Map(sources.map((file) => [file, importsOf(file)]));
const folderOf = (file: string) => file.split('/')[0];

describe('the architecture', () => {
  it('has dependencies pointing one way: bot → dialogs → knowledge, with no Bot Framework or HTTP types below bot', () => {
    const allowed: Record<string, string[]> = { bot: ['bot', 'dialogs', 'knowledge'], dialogs: ['dialogs', 'knowledge'], knowledge: ['knowledge'], teams: ['teams'] };
    const edgeOnly = /^(botbuilder|botframework-|restify|better-sqlite3|pino)/;
    const wrong: string[] = [];
    for (const [file, { files, packages }] of graph) {
      for (const target of files) if (!allowed[folderOf(file)].includes(folderOf(target))) wrong.push(`${file} imports ${target}`);
      if (folderOf(file) !== 'bot') for (const name of packages) if (edgeOnly.test(name)) wrong.push(`${file} imports ${name}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no module that imports itself through others (type-only imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file)?.files ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  /**
   * Modules tested by a suite that is not named after them: the suite says what it covers. Every other module
   * with logic has test/<its path>.test.ts. Command entries (bot/cli/*) are thin files over library code: the
   * suite of bot/cli/command.ts runs each one's --help, and the suites of their libraries run them for real.
   */
  const TESTED_ELSEWHERE: Record<string, string> = {
    'bot/activityCheck.ts': 'test/bot/hardening.test.ts',
    'bot/botEndpoint.ts': 'test/bot/hardening.test.ts',
    'bot/httpErrors.ts': 'test/bot/hardening.test.ts',
    'bot/chatRoute.ts': 'test/bot/chat.test.ts',
    'bot/origins.ts': 'test/bot/chat.test.ts',
    'bot/index.ts': 'test/bot/process.test.ts',
    'bot/processWarnings.ts': 'test/bot/process.test.ts',
    'bot/logger.ts': 'test/bot/hardening.test.ts',
    'bot/playground.ts': 'test/browser/playground.test.ts',
    'bot/teamsPackage.ts': 'test/teams/package.test.ts',
    'bot/webchat/page.ts': 'test/bot/webchatPage.test.ts',
    'bot/webchat/assets.ts': 'test/bot/webchatPage.test.ts',
    'bot/webchat/directLineToken.ts': 'test/bot/directLineToken.test.ts',
    'bot/insights/adminRoute.ts': 'test/bot/insights/report.test.ts',
    'bot/insights/reportWorker.ts': 'test/bot/insights/report.test.ts',
    'bot/insights/suggest.ts': 'test/bot/insights/database.test.ts',
    'bot/insights/rows.ts': 'test/bot/insights/postgres.test.ts',
    'bot/postgresTransaction.ts': 'test/bot/insights/postgres.test.ts',
    'dialogs/commands.ts': 'test/dialogs/commandStep.test.ts',
    'dialogs/wording.ts': 'test/dialogs/commandStep.test.ts',
    'dialogs/insights.ts': 'test/dialogs/commandStep.test.ts',
    'dialogs/personalDataEvaluation.ts': 'test/dialogs/personalData.test.ts',
    'knowledge/helplines.ts': 'test/knowledge/safety.test.ts',
    'knowledge/offThread.ts': 'test/knowledge/store.test.ts',
    'knowledge/loadWorker.ts': 'test/knowledge/store.test.ts',
    'knowledge/watch.ts': 'test/bot/liveEdit.test.ts',
    'knowledge/yamlFile.ts': 'test/knowledge/load.test.ts',
    'knowledge/errors.ts': 'test/knowledge/load.test.ts',
    'knowledge/evaluationCase.ts': 'test/knowledge/matchEvaluation.test.ts',
    'knowledge/qna/columns.ts': 'test/knowledge/qna.test.ts',
    'knowledge/qna/export.ts': 'test/knowledge/qna.test.ts',
    'knowledge/qna/import.ts': 'test/knowledge/qna.test.ts',
    'knowledge/qna/tsv.ts': 'test/knowledge/qna-tsv.test.ts',
  };
  /** Scripts a maintainer runs by hand, whose output is checked into the repo (the icons' PNGs, checked by the Teams package suite). */
  const MAINTENANCE_SCRIPTS = new Set(['teams/icons/drawIcons.ts']);
  /** Modules with no logic of their own to test: types, constants, and constructors of plain objects. */
  const NO_LOGIC = new Set(['dialogs/state.ts', 'dialogs/turn.ts', 'dialogs/reply.ts', 'bot/insights/store.ts']);

  it('has a unit test beside every module with logic, mirroring its path', () => {
    const untested = sources.filter((file) => {
      if (file.startsWith('bot/cli/') || MAINTENANCE_SCRIPTS.has(file) || NO_LOGIC.has(file) || file in TESTED_ELSEWHERE) return false;
      return !existsSync(path.join(ROOT, 'test', file.replace(/\.ts$/, '.test.ts')));
    });
    expect(untested).toEqual([]);
  });

  it('keeps the list of modules tested elsewhere true: each module and its suite exist', () => {
    const stale = Object.entries(TESTED_ELSEWHERE).filter(([file, suite]) => !sources.includes(file) || !existsSync(path.join(ROOT, suite)));
    expect(stale).toEqual([]);
    expect([...NO_LOGIC, ...MAINTENANCE_SCRIPTS].filter((file) => !sources.includes(file))).toEqual([]);
  });
});
