import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { ConfigError, PROJECT_ROOT, publicBaseUrl, readConfig } from './config';

/** The Teams app sources: the manifest template and the icons (teams/icons holds their SVG sources). */
export const TEAMS_FOLDER = path.join(PROJECT_ROOT, 'teams');
export const DEFAULT_TEMPLATE = path.join(TEAMS_FOLDER, 'manifest.template.json');
export const DEFAULT_PACKAGE = path.join(TEAMS_FOLDER, 'build', 'cop-guide-bot.zip');

/** Used for the developer links when BOT_PUBLIC_URL is not set: enough to sideload and test, not to publish. */
export const LOCAL_PUBLIC_URL = 'https://localhost:3978';

/** Microsoft's manifest schemas, one folder per version (v1.24, v1.25, …), shipped with @microsoft/app-manifest. */
const SCHEMA_FOLDER = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** Limits Teams documents for bot commands, stricter than the schema (which allows 128 and 4000). */
const COMMAND_TITLE_MAX = 32;
const COMMAND_DESCRIPTION_MAX = 128;

/** Pixel sizes Teams requires for each icon the manifest may name. */
const ICON_SIZES: Record<string, number> = { color: 192, outline: 32, color32x32: 32 };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_EXPECTED = "the Azure Bot's Microsoft App ID, a GUID such as 123e4567-e89b-12d3-a456-426614174000";

type Env = Record<string, string | undefined>;

/** What the package is built with: the bot's app id and the https address its developer links point to. */
export interface TeamsPackageSettings {
  appId: string;
  /** https origin (and optional path) without a trailing slash. */
  publicUrl: string;
  /** True when BOT_PUBLIC_URL was not set and {@link LOCAL_PUBLIC_URL} is used instead. */
  publicUrlIsDefault: boolean;
}

/**
 * Reads the settings from the bot's own configuration (MicrosoftAppId, through `readConfig`) and BOT_PUBLIC_URL,
 * or from command-line values, which win. Throws a {@link ConfigError} naming the variable or option that is wrong.
 */
export function readTeamsSettings(env: Env, given: { appId?: string; publicUrl?: string } = {}): TeamsPackageSettings {
  const config = readConfig(env);
  const appId = given.appId !== undefined ? given.appId.trim() : config.microsoftApp.appId;
  const idSource = given.appId !== undefined ? '--app-id' : 'MicrosoftAppId';
  if (!appId) throw new ConfigError(idSource, `set to ${GUID_EXPECTED} (in the environment or .env, or pass --app-id GUID)`, '');
  if (!GUID.test(appId)) throw new ConfigError(idSource, GUID_EXPECTED, appId);

  const publicUrl = given.publicUrl !== undefined ? publicBaseUrl(given.publicUrl, '--public-url') : config.publicUrl;
  if (!publicUrl) return { appId, publicUrl: LOCAL_PUBLIC_URL, publicUrlIsDefault: true };
  return { appId, publicUrl, publicUrlIsDefault: false };
}

/** The manifest could not be packaged: every problem found, each naming the file or JSON path it is about. */
export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams package was not written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

export interface TeamsPackageOptions extends Pick<TeamsPackageSettings, 'appId' | 'publicUrl'> {
  /** Where the zip is written; its folder is created. */
  outFile: string;
  /** Defaults to teams/manifest.template.json. */
  templateFile?: string;
  /** Where the icons the manifest names are read from; defaults to the template's folder. */
  iconsFolder?: string;
}

export interface TeamsPackage {
  outFile: string;
  manifest: Record<string, unknown>;
  /** The files in the zip, at its root. */
  files: string[];
}

/**
 * Fills in the template, validates the manifest against Microsoft's schema for its `manifestVersion`, checks the
 * icons, and only then writes the zip (manifest.json and the icons at its root). Throws a {@link TeamsPackageError}
 * listing every problem, and writes nothing, when any check fails.
 */
export function buildTeamsPackage(options: TeamsPackageOptions): TeamsPackage {
  const templateFile = options.templateFile ?? DEFAULT_TEMPLATE;
  const iconsFolder = options.iconsFolder ?? path.dirname(templateFile);
  const templateName = path.basename(templateFile);

  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templateFile, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError([`${templateName}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const { value: manifest, problems } = fillPlaceholders(template, { MICROSOFT_APP_ID: options.appId, BOT_PUBLIC_URL: options.publicUrl });
  if (!isObject(manifest)) throw new TeamsPackageError([`${templateName}: must hold a JSON object`]);
  problems.push(...validateManifest(manifest));

  const files: Record<string, Uint8Array> = {};
  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const [kind, name] of Object.entries(icons)) {
    if (typeof name !== 'string' || !(kind in ICON_SIZES)) continue;
    const iconProblems = checkIconFile(iconsFolder, name, ICON_SIZES[kind], kind === 'outline');
    if (iconProblems.length > 0) problems.push(...iconProblems.map((problem) => `${name} (icons.${kind}): ${problem}`));
    else files[name] = readFileSync(path.join(iconsFolder, name));
  }
  if (problems.length > 0) throw new TeamsPackageError(problems);

  const zip = zipSync({ 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), ...files });
  mkdirSync(path.dirname(options.outFile), { recursive: true });
  writeFileSync(options.outFile, zip);
  return { outFile: options.outFile, manifest, files: ['manifest.json', ...Object.keys(files)] };
}

/** Replaces every `${{NAME}}` in the template's strings; a name with no value is a problem at its JSON path. */
export function fillPlaceholders(template: unknown, values: Record<string, string>): { value: unknown; problems: string[] } {
  const problems: string[] = [];
  const fill = (node: unknown, pointer: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (placeholder, name: string) => {
        if (name in values) return values[name];
        problems.push(`manifest.json ${pointer || '/'}: no value for the placeholder ${placeholder} (known: ${Object.keys(values).join(', ')})`);
        return placeholder;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => fill(item, `${pointer}/${index}`));
    if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, fill(item, `${pointer}/${escapePointer(key)}`)]));
    return node;
  };
  return { value: fill(template, ''), problems };
}

const validators = new Map<string, ValidateFunction>();

/** Microsoft's schema file for a manifest version ("1.25" → …/teams/v1.25/MicrosoftTeams.schema.json). */
export function schemaFileFor(manifestVersion: string): string {
  return path.join(SCHEMA_FOLDER, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function validatorFor(manifestVersion: string): ValidateFunction | undefined {
  const file = schemaFileFor(manifestVersion);
  if (!validators.has(file)) {
    if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(file)) return undefined;
    // strict off: Microsoft's schema uses forms Ajv's strict mode rejects (e.g. additionalProperties without "type").
    const ajv = new Ajv({ allErrors: true, strict: false });
    // The only format the schema uses; checked offline, without ajv-formats.
    ajv.addFormat('uri', { type: 'string', validate: (value: string) => URL.canParse(value) });
    validators.set(file, ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object));
  }
  return validators.get(file);
}

/**
 * Checks a filled-in manifest against Microsoft's schema for its `manifestVersion`, that `$schema` names that
 * version, and Teams' documented limits for bot commands. Returns one line per problem, each with its JSON path.
 */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifest.json /manifestVersion: is required, e.g. "1.25"'];
  const validate = validatorFor(version);
  if (!validate) return [`manifest.json /manifestVersion: no schema for version "${version}" in @microsoft/app-manifest (looked for ${path.relative(PROJECT_ROOT, schemaFileFor(version))})`];

  const problems = validate(manifest) ? [] : (validate.errors ?? []).map(describeSchemaError);
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expectedSchema) problems.push(`manifest.json /$schema: must be ${expectedSchema} to match manifestVersion ${version}`);
  problems.push(...checkCommandLengths(manifest));
  return [...new Set(problems)];
}

function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath;
  if (error.keyword === 'required') return `manifest.json ${at}/${escapePointer(String(error.params.missingProperty))}: is required`;
  if (error.keyword === 'additionalProperties') return `manifest.json ${at}/${escapePointer(String(error.params.additionalProperty))}: is not allowed by the schema`;
  return `manifest.json ${at || '/'}: ${error.message ?? error.keyword}`;
}

function checkCommandLengths(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  asArray(manifest.bots).forEach((bot, b) => {
    asArray(isObject(bot) ? bot.commandLists : undefined).forEach((list, l) => {
      asArray(isObject(list) ? list.commands : undefined).forEach((command, c) => {
        if (!isObject(command)) return;
        const at = `manifest.json /bots/${b}/commandLists/${l}/commands/${c}`;
        if (typeof command.title === 'string' && command.title.length > COMMAND_TITLE_MAX) problems.push(`${at}/title: Teams allows at most ${COMMAND_TITLE_MAX} characters, "${command.title}" has ${command.title.length}`);
        if (typeof command.description === 'string' && command.description.length > COMMAND_DESCRIPTION_MAX) problems.push(`${at}/description: Teams allows at most ${COMMAND_DESCRIPTION_MAX} characters, it has ${command.description.length}`);
      });
    });
  });
  return problems;
}

/** An icon's size and whether it has an alpha channel, with its pixels as RGBA (pngjs decodes any PNG form). */
export interface PngImage {
  width: number;
  height: number;
  hasAlpha: boolean;
  rgba: Uint8Array;
}

/** Decodes a PNG; throws when the bytes are not one. */
export function readPng(bytes: Uint8Array): PngImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, hasAlpha: png.alpha, rgba: png.data };
}

/** Checks one icon: a plain file name next to the template, a PNG of the right size; the outline white on transparent. */
function checkIconFile(folder: string, name: string, size: number, isOutline: boolean): string[] {
  if (path.basename(name) !== name) return ['must be a file name at the root of the package, with no folder'];
  const file = path.join(folder, name);
  if (!existsSync(file)) return [`no such file in ${path.relative(PROJECT_ROOT, folder) || '.'}`];
  let image: PngImage;
  try {
    image = readPng(readFileSync(file));
  } catch (error) {
    return [`not a PNG file (${error instanceof Error ? error.message : String(error)})`];
  }
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) problems.push(`must be ${size} × ${size} pixels, is ${image.width} × ${image.height}`);
  if (!isOutline) return problems;
  if (!image.hasAlpha) return [...problems, 'must have a transparent background: the PNG has no alpha channel'];
  return [...problems, ...checkWhiteOnTransparent(image)];
}

/** Teams' outline icon: white (anti-aliased edges allowed) on a background that is fully transparent. */
function checkWhiteOnTransparent({ width, height, rgba }: { width: number; height: number; rgba: Uint8Array }): string[] {
  const problems: string[] = [];
  let transparent = 0;
  for (let i = 0; i < width * height; i++) {
    const [r, g, b, a] = rgba.subarray(i * 4, i * 4 + 4);
    if (a === 0) transparent++;
    else if (Math.min(r, g, b) < 240) {
      problems.push(`must be white on transparent: pixel (${i % width}, ${Math.floor(i / width)}) is rgba(${r}, ${g}, ${b}, ${a})`);
      break;
    }
  }
  if (transparent === 0) problems.push('must have a transparent background: no pixel is transparent');
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** JSON Pointer escaping of one path segment (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
