import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { BotAsker } from '../../bot/ask';
import { ConfigError } from '../../bot/config';
import {
  DEFAULT_TEMPLATE,
  LOCAL_PUBLIC_URL,
  TEAMS_FOLDER,
  TeamsPackageError,
  buildTeamsPackage,
  readPng,
  readTeamsSettings,
  schemaFileFor,
  validateManifest,
} from '../../bot/teamsPackage';
import { KnowledgeStore } from '../../knowledge/store';
import { PROJECT, runScript } from '../helpers/run';
import { testConfig } from '../helpers/testBot';

const APP_ID = '6f1c2e3a-8b4d-4e5f-9a0b-1c2d3e4f5a6b';
const PUBLIC_URL = 'https://cop-bot.example.org';

type Json = Record<string, unknown>;
interface Command {
  title: string;
  description: string;
}
interface Bot {
  botId: string;
  scopes: string[];
  commandLists: { scopes: string[]; commands: Command[] }[];
}

const readTemplate = (): Json => JSON.parse(readFileSync(DEFAULT_TEMPLATE, 'utf8')) as Json;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'cop-teams-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Packages a changed copy of the template (icons still from teams/); returns the problems, or [] if it was written. */
function packageEdited(edit: (manifest: Json) => void): { problems: string[]; outFile: string } {
  const manifest = readTemplate();
  edit(manifest);
  const templateFile = path.join(tmp, 'manifest.template.json');
  writeFileSync(templateFile, JSON.stringify(manifest, null, 2));
  const outFile = path.join(tmp, 'out', 'package.zip');
  try {
    buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile, templateFile, iconsFolder: TEAMS_FOLDER });
    return { problems: [], outFile };
  } catch (error) {
    if (!(error instanceof TeamsPackageError)) throw error;
    return { problems: error.problems, outFile };
  }
}

describe('the Teams package', () => {
  it('holds exactly manifest.json, color.png and outline.png, with the app id as app and bot id', () => {
    const outFile = path.join(tmp, 'cop-guide-bot.zip');
    const result = buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile });
    expect(result.outFile).toBe(outFile);
    expect(existsSync(outFile)).toBe(true);

    const files = unzipSync(new Uint8Array(readFileSync(outFile)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json'])) as Json & { bots: Bot[]; developer: Json; icons: Json };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.developer).toMatchObject({ websiteUrl: `${PUBLIC_URL}/`, privacyUrl: `${PUBLIC_URL}/`, termsOfUseUrl: `${PUBLIC_URL}/` });
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });

    expect(readPng(files['color.png'])).toMatchObject({ width: 192, height: 192 });
    expect(readPng(files['outline.png'])).toMatchObject({ width: 32, height: 32, hasAlpha: true });
  });

  it("validates against Microsoft's schema for its manifestVersion (1.24 or newer)", () => {
    const outFile = path.join(tmp, 'package.zip');
    const { manifest } = buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile });
    const version = String(manifest.manifestVersion);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);

    // Checked here with a validator of the test's own, not only through the packager's.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFileFor(version), 'utf8')) as object);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('names the JSON path of a field that breaks the schema, and writes nothing', () => {
    const { problems, outFile } = packageEdited((manifest) => {
      (manifest.name as Json).short = 'COP Guide Bot for Child Online Protection';
    });
    expect(problems).toEqual([expect.stringMatching(/^manifest\.json \/name\/short: must NOT have more than 30 characters$/)]);
    expect(existsSync(outFile)).toBe(false);
    expect(existsSync(path.dirname(outFile))).toBe(false);
  });

  it('names a missing required field by its path', () => {
    const { problems, outFile } = packageEdited((manifest) => {
      delete (manifest.developer as Json).privacyUrl;
      delete manifest.accentColor;
    });
    expect(problems).toEqual(expect.arrayContaining(['manifest.json /developer/privacyUrl: is required', 'manifest.json /accentColor: is required']));
    expect(existsSync(outFile)).toBe(false);
  });

  it("holds command titles and descriptions to Teams' limits (32 and 128 characters)", () => {
    const { problems } = packageEdited((manifest) => {
      const command = (manifest.bots as Bot[])[0].commandLists[1].commands[0];
      command.title = 'How can I keep my child safe online?';
      command.description = 'x'.repeat(129);
    });
    expect(problems).toEqual([
      expect.stringMatching(/^manifest\.json \/bots\/0\/commandLists\/1\/commands\/0\/title: Teams allows at most 32 characters/),
      expect.stringMatching(/^manifest\.json \/bots\/0\/commandLists\/1\/commands\/0\/description: Teams allows at most 128 characters/),
    ]);
  });

  it('reports a placeholder it has no value for, and a $schema that does not match manifestVersion', () => {
    const { problems } = packageEdited((manifest) => {
      (manifest.developer as Json).websiteUrl = '${{WEBSITE}}';
      manifest.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json \/developer\/websiteUrl: no value for the placeholder \$\{\{WEBSITE\}\}/),
        expect.stringMatching(/^manifest\.json \/\$schema: must be https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\//),
      ]),
    );
  });

  it('refuses a manifest version it has no schema for', () => {
    const { problems } = packageEdited((manifest) => {
      manifest.manifestVersion = '9.99';
    });
    expect(problems).toEqual([expect.stringMatching(/^manifest\.json \/manifestVersion: no schema for version "9\.99"/)]);
  });

  it('checks the icons: sizes, and an outline that is white on a transparent background', () => {
    const icons = path.join(tmp, 'icons');
    const templateFile = path.join(tmp, 'manifest.template.json');
    const outFile = path.join(tmp, 'package.zip');
    copyFileSync(DEFAULT_TEMPLATE, templateFile);
    const problemsWith = (outline: Uint8Array | string): string[] => {
      rmSync(icons, { recursive: true, force: true });
      mkdirSync(icons);
      copyFileSync(path.join(TEAMS_FOLDER, 'color.png'), path.join(icons, 'color.png'));
      if (typeof outline === 'string') copyFileSync(outline, path.join(icons, 'outline.png'));
      else writeFileSync(path.join(icons, 'outline.png'), outline);
      try {
        buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile, templateFile, iconsFolder: icons });
        return [];
      } catch (error) {
        if (error instanceof TeamsPackageError) return error.problems;
        throw error;
      }
    };

    expect(problemsWith(path.join(TEAMS_FOLDER, 'color.png'))).toEqual([
      'outline.png (icons.outline): must be 32 × 32 pixels, is 192 × 192',
      'outline.png (icons.outline): must have a transparent background: the PNG has no alpha channel',
    ]);
    const red = encodeRgbaPng(32, (x, y) => (x > 8 && x < 24 && y > 8 && y < 24 ? [255, 0, 0, 255] : [0, 0, 0, 0]));
    expect(problemsWith(red)).toEqual(['outline.png (icons.outline): must be white on transparent: pixel (9, 9) is rgba(255, 0, 0, 255)']);
    const opaque = encodeRgbaPng(32, () => [255, 255, 255, 255]);
    expect(problemsWith(opaque)).toEqual(['outline.png (icons.outline): must have a transparent background: no pixel is transparent']);
    expect(problemsWith(new TextEncoder().encode('not an image'))).toEqual([expect.stringMatching(/^outline\.png \(icons\.outline\): not a PNG file/)]);
    const whiteOnClear = encodeRgbaPng(32, (x) => (x < 16 ? [255, 255, 255, 200] : [0, 0, 0, 0]));
    expect(problemsWith(whiteOnClear)).toEqual([]);
    expect(existsSync(outFile)).toBe(true);
  });
});

describe('the app id and public URL', () => {
  it('come from MicrosoftAppId (as the bot reads it) and BOT_PUBLIC_URL', () => {
    expect(readTeamsSettings({ MicrosoftAppId: ` ${APP_ID} `, BOT_PUBLIC_URL: 'https://cop-bot.example.org/teams/' })).toEqual({
      appId: APP_ID,
      publicUrl: 'https://cop-bot.example.org/teams',
      publicUrlIsDefault: false,
    });
    expect(readTeamsSettings({ MicrosoftAppId: APP_ID })).toEqual({ appId: APP_ID, publicUrl: LOCAL_PUBLIC_URL, publicUrlIsDefault: true });
  });

  it('say clearly which variable is missing or malformed', () => {
    expect(() => readTeamsSettings({})).toThrow(ConfigError);
    expect(() => readTeamsSettings({ MicrosoftAppId: '  ' })).toThrow(/^Configuration: MicrosoftAppId must be set to the Azure Bot's Microsoft App ID, a GUID/);
    expect(() => readTeamsSettings({ MicrosoftAppId: 'my-bot' })).toThrow(/^Configuration: MicrosoftAppId must be .*a GUID.*, got "my-bot"$/);
    expect(() => readTeamsSettings({ MicrosoftAppId: `${APP_ID}0` })).toThrow(/MicrosoftAppId must be/);
    expect(() => readTeamsSettings({ MicrosoftAppId: APP_ID, BOT_PUBLIC_URL: 'http://cop-bot.example.org' })).toThrow(/^Configuration: BOT_PUBLIC_URL must be the https address/);
  });

  it('can be given on the command line instead, and are checked the same way', () => {
    expect(readTeamsSettings({ MicrosoftAppId: 'ignored' }, { appId: APP_ID, publicUrl: PUBLIC_URL })).toMatchObject({ appId: APP_ID, publicUrl: PUBLIC_URL });
    expect(() => readTeamsSettings({ MicrosoftAppId: APP_ID }, { appId: '1234' })).toThrow(/^Configuration: --app-id must be .*, got "1234"$/);
    expect(() => readTeamsSettings({}, { appId: APP_ID, publicUrl: 'cop-bot.example.org' })).toThrow(/^Configuration: --public-url must be/);
  });
});

describe('npm run teams:package', () => {
  it('exits 1 naming MicrosoftAppId when there is no app id, and writes nothing', () => {
    const out = path.join(tmp, 'package.zip');
    const { status, stderr } = runScript('bot/cli/teamsPackage.ts', ['--out', out], { env: { MicrosoftAppId: '' } });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Configuration: MicrosoftAppId must be set/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the package with --app-id and --out', () => {
    const out = path.join(tmp, 'package.zip');
    const { status, stdout, stderr } = runScript('bot/cli/teamsPackage.ts', ['--app-id', APP_ID, '--out', out], { env: { BOT_PUBLIC_URL: '' } });
    expect(status).toBe(0);
    expect(stdout).toContain('manifest.json, color.png, outline.png');
    expect(stderr).toMatch(/BOT_PUBLIC_URL is not set/);
    const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['manifest.json'])) as Json;
    expect(manifest.id).toBe(APP_ID);
  });
});

/** What each prompt starter must get from the bot: the entry it answers, or how a command's reply begins. */
const EXPECTED_REPLIES: Record<string, string | RegExp> = {
  'What are the COP guidelines?': 'guidelines.what',
  'Who are the COP Guidelines for?': 'guidelines.audiences',
  'When was the launch event?': 'event.date',
  'Who spoke at the launch event?': 'event.speakers',
  'Where can I get the guidelines?': 'guidelines.where',
  'What are the online risks?': 'risks.overview',
  'How do I talk to my child?': 'parents-educators.open-communication',
  'Who can I talk to?': 'help.talk-to-someone',
  help: /^Ask me a question in your own words/,
  menu: /^Here are the topics I can help with/,
  'change audience': /^Who are you\?/,
  'start over': /^Let's start again/,
};

describe('the prompt starters in the manifest', () => {
  const bot = readTemplate().bots as Bot[];
  const titles = [...new Set(bot[0].commandLists.flatMap((list) => list.commands.map((command) => command.title)))];

  it('has a command list for each scope the bot is installed in', () => {
    expect(bot[0].commandLists.map((list) => list.scopes).flat().sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(titles.length).toBeGreaterThan(0);
  });

  const config = testConfig(path.join(PROJECT, 'knowledge', 'content'));
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const asker = new BotAsker(config, store);

  it.each(titles)('"%s" gets the answer it promises from the real bot', async (title) => {
    expect(Object.keys(EXPECTED_REPLIES)).toContain(title);
    const expected = EXPECTED_REPLIES[title];
    const reply = await asker.ask({ text: title });
    expect(reply.kind).toBe('answer');
    if (typeof expected === 'string') expect(reply.id).toBe(expected);
    else expect(reply.text).toMatch(expected);
  });
});

/** An RGBA PNG of made-up pixels, to feed the icon checks made-up outlines. */
function encodeRgbaPng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) png.data.set(pixel(x, y), (y * size + x) * 4);
  return PNG.sync.write(png);
}
