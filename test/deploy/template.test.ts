import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv from 'ajv';
import { PROJECT_ROOT, readConfig } from '../../bot/config';
import { startCommand, type StartCommand } from '../../bot/startCommand';

/*
 * The deployment files, checked offline: no Azure, no Bicep compiler and no Docker engine are needed (none is on the
 * machines that run these tests). Each check is a function that lists problems, run on the real files (expecting
 * none) and on a broken copy (expecting the problem), so every check is known to be able to fail.
 */

const DEPLOY = path.join(PROJECT_ROOT, 'deploy');
const read = (...parts: string[]) => readFileSync(path.join(PROJECT_ROOT, ...parts), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface ArmParameter {
  type: string;
  defaultValue?: Json;
  allowedValues?: Json[];
  metadata?: { description?: string };
}
interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: string | boolean;
  dependsOn?: string[];
  properties?: JsonObject;
}
interface ArmTemplate {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, ArmParameter>;
  variables: Record<string, Json>;
  resources: ArmResource[];
  outputs: Record<string, { type: string; value: Json }>;
}

const armText = read('deploy', 'azuredeploy.json');
const bicepText = read('deploy', 'main.bicep');
const dockerfileText = read('Dockerfile');
const configSource = read('bot', 'config.ts');
const loadArm = (): ArmTemplate => JSON.parse(armText) as ArmTemplate;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// ---------------------------------------------------------------------------------------------------------------
// ARM expressions: "[function('literal', ...)]"

/** Every string in a JSON value, object keys included (a key can be an expression too). */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

/** The template expressions among them ("[[" starts an escaped literal, not an expression). */
function expressions(value: Json): string[] {
  return strings(value).filter((text) => text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']'));
}

/** The arguments of each call of `fn` in an expression, as written (quotes kept), split at top-level commas. */
function callsOf(expression: string, fn: string): string[][] {
  const calls: string[][] = [];
  for (const match of expression.matchAll(new RegExp(`(?<![A-Za-z0-9_])${fn}\\(`, 'g'))) {
    const args: string[] = [];
    let current = '';
    let depth = 0;
    let quoted = false;
    for (let i = (match.index ?? 0) + match[0].length; i < expression.length; i++) {
      const ch = expression[i];
      if (quoted) {
        current += ch;
        if (ch === "'" && expression[i + 1] === "'") current += expression[++i];
        else if (ch === "'") quoted = false;
        continue;
      }
      if (ch === "'") quoted = true;
      if (ch === '(' || ch === '[') depth++;
      if ((ch === ')' || ch === ']') && depth-- === 0) {
        if (current.trim()) args.push(current.trim());
        break;
      }
      if (ch === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
        continue;
      }
      current += ch;
    }
    calls.push(args);
  }
  return calls;
}

/** 'text' → text; anything that is not a quoted literal → undefined. */
function literal(arg: string | undefined): string | undefined {
  const match = /^'((?:[^']|'')*)'$/.exec(arg ?? '');
  return match ? match[1].replace(/''/g, "'") : undefined;
}

const RESOURCE_TYPE = /^[A-Za-z]+\.[A-Za-z]+(\/[A-Za-z]+)+$/;

/** The resource a resourceId(...) or extensionResourceId(...) names: its type and how many name segments it was given. */
function resourceIdTargets(expression: string): { type: string; names: number; written: string }[] {
  const plain = callsOf(expression, 'resourceId').map((args) => {
    const at = args.findIndex((arg) => RESOURCE_TYPE.test(literal(arg) ?? ''));
    return { type: literal(args[at]) ?? `(no resource type in resourceId(${args.join(', ')}))`, names: args.length - at - 1, written: `resourceId(${args.join(', ')})` };
  });
  const extension = callsOf(expression, 'extensionResourceId').map((args) => ({
    type: literal(args[1]) ?? `(no resource type in extensionResourceId(${args.join(', ')}))`,
    names: args.length - 2,
    written: `extensionResourceId(${args.join(', ')})`,
  }));
  return [...plain, ...extension];
}

// ---------------------------------------------------------------------------------------------------------------
// (a) the JSON Schema of a template's essentials

const ajv = new Ajv({ allErrors: true, strict: true });
const validateTemplate = ajv.compile(JSON.parse(read('deploy', 'arm-template.schema.json')) as object);

function schemaProblems(template: unknown): string[] {
  if (validateTemplate(template)) return [];
  return (validateTemplate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`);
}

// (b) references inside the template

function referenceProblems(template: ArmTemplate): string[] {
  const problems: string[] = [];
  const everything = expressions(template as unknown as Json);
  const used = (fn: string) => new Set(everything.flatMap((expression) => callsOf(expression, fn).map((args) => literal(args[0]) ?? `(not a literal: ${args[0]})`)));
  const usedParameters = used('parameters');
  const usedVariables = used('variables');
  for (const name of usedParameters) if (!(name in template.parameters)) problems.push(`parameters('${name}') is used but not declared`);
  for (const name of usedVariables) if (!(name in template.variables)) problems.push(`variables('${name}') is used but not declared`);
  for (const name of Object.keys(template.parameters)) if (!usedParameters.has(name)) problems.push(`parameter ${name} is declared but never used`);
  for (const name of Object.keys(template.variables)) if (!usedVariables.has(name)) problems.push(`variable ${name} is declared but never used`);
  return problems;
}

function resourceIdProblems(template: ArmTemplate): string[] {
  const problems: string[] = [];
  const declared = new Set(template.resources.map((resource) => resource.type));
  for (const expression of expressions(template as unknown as Json)) {
    for (const target of resourceIdTargets(expression)) {
      if (!declared.has(target.type)) problems.push(`${target.written} names ${target.type}, which the template does not declare`);
      else if (target.names !== target.type.split('/').length - 1) problems.push(`${target.written} gives ${target.names} name(s) for ${target.type}, which needs ${target.type.split('/').length - 1}`);
    }
  }
  for (const resource of template.resources) {
    for (const dependency of resource.dependsOn ?? []) {
      if (resourceIdTargets(dependency).length !== 1 || !/^\[(extensionResourceId|resourceId)\(/.test(dependency)) problems.push(`${resource.type} depends on "${dependency}", which is not one resourceId(...)`);
    }
  }
  return problems;
}

// (c) main.bicep and azuredeploy.json describe the same deployment

interface Shape {
  /** name → type ("securestring" for a secure string), whether it has a default, its allowed values, its description */
  parameters: Map<string, { type: string; required: boolean; allowed: string[]; description: string }>;
  /** "type@apiVersion", sorted: deployed resources only (not `existing` ones) */
  resources: string[];
  outputs: Map<string, string>;
  /** app setting name → its value when it is a plain string (directly, through a variable or a parameter's default), else undefined */
  appSettings: Map<string, string | undefined>;
}

function armShape(template: ArmTemplate): Shape {
  const parameters = new Map(
    Object.entries(template.parameters).map(([name, p]) => [
      name,
      { type: p.type, required: p.defaultValue === undefined, allowed: (p.allowedValues ?? []).map(String), description: p.metadata?.description ?? '' },
    ]),
  );
  const resolve = (value: Json): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const variable = /^\[variables\('(\w+)'\)\]$/.exec(value);
    if (variable) return resolve(template.variables[variable[1]] ?? null);
    const parameter = /^\[parameters\('(\w+)'\)\]$/.exec(value);
    if (parameter) return resolve(template.parameters[parameter[1]]?.defaultValue ?? null);
    return value.startsWith('[') && !value.startsWith('[[') ? undefined : value;
  };
  const site = template.resources.find((resource) => resource.type === 'Microsoft.Web/sites');
  const siteConfig = site?.properties?.siteConfig;
  const settings = siteConfig && typeof siteConfig === 'object' && !Array.isArray(siteConfig) ? siteConfig.appSettings : undefined;
  const appSettings = new Map<string, string | undefined>();
  for (const setting of Array.isArray(settings) ? settings : []) {
    if (setting && typeof setting === 'object' && !Array.isArray(setting) && typeof setting.name === 'string') appSettings.set(setting.name, resolve(setting.value ?? null));
  }
  return {
    parameters,
    resources: template.resources.map((resource) => `${resource.type}@${resource.apiVersion}`).sort(),
    outputs: new Map(Object.entries(template.outputs).map(([name, output]) => [name, output.type])),
    appSettings,
  };
}

/** The text between an opening bracket at `start` and its match, skipping Bicep strings ('...', with \' escapes). */
function bracketed(text: string, start: number): string {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
    } else if (ch === "'") quoted = true;
    else if (ch === '[' || ch === '{' || ch === '(') depth++;
    else if ((ch === ']' || ch === '}' || ch === ')') && --depth === 0) return text.slice(start + 1, i);
  }
  throw new Error(`no closing bracket for the one at ${start}`);
}

const unescapeBicep = (text: string) => text.replace(/\\'/g, "'").replace(/\\\\/g, '\\');

function bicepShape(text: string): Shape {
  const lines = text.split('\n');
  const parameters: Shape['parameters'] = new Map();
  const variables = new Map<string, string>();
  const defaults = new Map<string, string>();
  const resources: string[] = [];
  const outputs = new Map<string, string>();
  let decorators: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('@')) {
      // @allowed([ ... ]) spans lines: keep it whole.
      let decorator = line;
      while (decorator.startsWith('@allowed([') && !decorator.endsWith('])')) decorator += ` ${lines[++i].trim()}`;
      decorators.push(decorator);
      continue;
    }
    const param = /^param\s+(\w+)\s+(\w+)(\s*=.*)?$/.exec(line);
    const variable = /^var\s+(\w+)\s*=\s*(.+)$/.exec(line);
    const resource = /^resource\s+\w+\s+'([^'@]+)@([^']+)'\s+(existing\s+)?=/.exec(line);
    const output = /^output\s+(\w+)\s+(\w+)\s*=/.exec(line);
    if (param) {
      const secure = decorators.includes('@secure()');
      const allowed = decorators.find((d) => d.startsWith('@allowed('));
      const description = decorators.map((d) => /^@description\('((?:[^'\\]|\\.)*)'\)$/.exec(d)).find((m) => m);
      parameters.set(param[1], {
        type: secure && param[2] === 'string' ? 'securestring' : param[2],
        required: !param[3],
        allowed: allowed ? [...allowed.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => unescapeBicep(m[1])) : [],
        description: description ? unescapeBicep(description[1]) : '',
      });
    }
    if (variable) variables.set(variable[1], variable[2].trim());
    if (param?.[3]) defaults.set(param[1], param[3].replace(/^\s*=\s*/, '').trim());
    if (resource && !resource[3]) resources.push(`${resource[1]}@${resource[2]}`);
    if (output) outputs.set(output[1], output[2]);
    if (line && !line.startsWith('//')) decorators = [];
  }
  const resolve = (raw: string): string | undefined => {
    const plain = /^'((?:[^'\\$]|\\.)*)'$/.exec(raw);
    if (plain) return unescapeBicep(plain[1]);
    const named = variables.get(raw) ?? defaults.get(raw);
    return named === undefined ? undefined : resolve(named);
  };
  const appSettings = new Map([...bicepAppSettings(text)].map(([name, raw]): [string, string | undefined] => [name, resolve(raw)]));
  return { parameters, resources: resources.sort(), outputs, appSettings };
}

/** The web app's settings in main.bicep, each value as written (a string, a variable, an expression). */
function bicepAppSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  const at = text.indexOf('appSettings: [');
  if (at < 0) return settings;
  const block = bracketed(text, at + 'appSettings: '.length);
  for (const match of block.matchAll(/name:\s*'([^']+)'\s*\n\s*value:\s*(.+)/g)) settings.set(match[1], match[2].trim());
  return settings;
}

function sameShapeProblems(bicep: Shape, arm: Shape): string[] {
  const problems: string[] = [];
  const names = (map: Map<string, unknown>) => [...map.keys()].sort();
  const missing = (what: string, from: string[], to: string[], where: string) =>
    from.filter((name) => !to.includes(name)).forEach((name) => problems.push(`${what} ${name} is only in ${where}`));
  missing('parameter', names(bicep.parameters), names(arm.parameters), 'main.bicep');
  missing('parameter', names(arm.parameters), names(bicep.parameters), 'azuredeploy.json');
  for (const [name, b] of bicep.parameters) {
    const a = arm.parameters.get(name);
    if (!a) continue;
    if (a.type !== b.type) problems.push(`parameter ${name} is ${b.type} in main.bicep and ${a.type} in azuredeploy.json`);
    if (a.required !== b.required) problems.push(`parameter ${name} is ${b.required ? '' : 'not '}required in main.bicep and ${a.required ? '' : 'not '}required in azuredeploy.json`);
    if (a.allowed.join('|') !== b.allowed.join('|')) problems.push(`parameter ${name} allows [${b.allowed}] in main.bicep and [${a.allowed}] in azuredeploy.json`);
    if (a.description !== b.description) problems.push(`parameter ${name} is described differently in the two files`);
    if (!b.description) problems.push(`parameter ${name} has no @description in main.bicep`);
  }
  if (bicep.resources.join('\n') !== arm.resources.join('\n')) problems.push(`resources differ: main.bicep has ${bicep.resources.join(', ')}; azuredeploy.json has ${arm.resources.join(', ')}`);
  missing('output', names(bicep.outputs), names(arm.outputs), 'main.bicep');
  missing('output', names(arm.outputs), names(bicep.outputs), 'azuredeploy.json');
  for (const [name, type] of bicep.outputs) if (arm.outputs.has(name) && arm.outputs.get(name) !== type) problems.push(`output ${name} is ${type} in main.bicep and ${arm.outputs.get(name)} in azuredeploy.json`);
  missing('app setting', names(bicep.appSettings), names(arm.appSettings), 'main.bicep');
  missing('app setting', names(arm.appSettings), names(bicep.appSettings), 'azuredeploy.json');
  for (const [name, value] of bicep.appSettings) {
    if (arm.appSettings.has(name) && arm.appSettings.get(name) !== value) problems.push(`app setting ${name} is ${String(value)} in main.bicep and ${String(arm.appSettings.get(name))} in azuredeploy.json`);
  }
  return problems;
}

/** Parameters that carry a secret must be secure, so that Azure keeps them out of the deployment's history. */
function secretParameterProblems(shape: Shape, file: string): string[] {
  return [...shape.parameters]
    .filter(([name, p]) => /password|token|secret|connectionstring/i.test(name) && p.type !== 'securestring')
    .map(([name]) => `${file}: parameter ${name} holds a secret but is not secure`);
}

// (d) the app settings are what the bot reads

/** What the scale-out needs on every instance: shared state, shared data, the client's address, the port. */
const SCALE_OUT_SETTINGS = ['STATE_STORAGE', 'BLOB_CONNECTION_STRING', 'BLOB_CONTAINER', 'DATABASE_URL', 'TRUST_PROXY', 'PORT'];

/**
 * Settings that bot/config.ts does not name: WEBSITES_PORT is read by App Service itself (the port it sends
 * requests to). Keep this list short: anything else set in the template must be a variable config.ts reads.
 */
const READ_ELSEWHERE = ['WEBSITES_PORT'];

function appSettingProblems(settings: Map<string, string | undefined>, source: string): string[] {
  const problems: string[] = [];
  for (const name of SCALE_OUT_SETTINGS) if (!settings.has(name)) problems.push(`app setting ${name} is missing`);
  for (const name of settings.keys()) {
    if (!source.includes(`'${name}'`) && !READ_ELSEWHERE.includes(name)) problems.push(`app setting ${name} is not a variable bot/config.ts reads`);
  }
  if (settings.has('STATE_STORAGE') && settings.get('STATE_STORAGE') !== 'blob') problems.push(`STATE_STORAGE is ${String(settings.get('STATE_STORAGE'))}, not blob: each instance would keep its own state`);
  if (settings.get('TRUST_PROXY') !== '1') problems.push(`TRUST_PROXY is ${String(settings.get('TRUST_PROXY'))}, not 1 (App Service's front end)`);
  if (settings.get('PORT') !== settings.get('WEBSITES_PORT')) problems.push(`PORT (${String(settings.get('PORT'))}) and WEBSITES_PORT (${String(settings.get('WEBSITES_PORT'))}) differ`);
  return problems;
}

// (e) the Dockerfile

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** Instructions with continuation lines joined and comments dropped; `stage` counts FROM lines from 0. */
function dockerInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let stage = -1;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (!line && !pending)) continue;
    pending = pending ? `${pending} ${line}` : line;
    if (pending.endsWith('\\')) {
      pending = pending.slice(0, -1).trimEnd();
      continue;
    }
    const [keyword, ...rest] = pending.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage++;
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), stage });
    pending = '';
  }
  return instructions;
}

/** The exec form of CMD or HEALTHCHECK CMD: a JSON array of strings. */
function execForm(args: string): string[] {
  const parsed = JSON.parse(args.slice(args.indexOf('['))) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw new Error(`not an exec-form array: ${args}`);
  return parsed as string[];
}

function dockerfileProblems(instructions: Instruction[], start: StartCommand): string[] {
  const problems: string[] = [];
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  const last = froms.length - 1;
  if (froms.length < 2) problems.push(`${froms.length} stage(s): a build stage and a runtime stage are expected`);
  for (const from of froms) if (!/^node:22-bookworm(-slim)?(\s|$)/.test(from.args)) problems.push(`FROM ${from.args} is not node:22-bookworm[-slim]`);
  if (froms.length && !froms[last].args.startsWith('node:22-bookworm-slim')) problems.push(`the runtime stage is FROM ${froms[last].args}, not node:22-bookworm-slim`);
  const final = instructions.filter((i) => i.stage === last);
  const installs = instructions.filter((i) => i.keyword === 'RUN' && /\bnpm (ci|install)\b/.test(i.args));
  if (!installs.length) problems.push('no RUN npm ci');
  for (const install of installs) {
    if (!install.args.includes('--omit=dev')) problems.push(`"${install.args}" installs devDependencies (no --omit=dev)`);
    if (install.args.includes('--ignore-scripts') && !/npm rebuild better-sqlite3/.test(install.args)) problems.push('install scripts are skipped but better-sqlite3 is never rebuilt: its addon would be missing');
  }
  const cmdAt = final.findIndex((i) => i.keyword === 'CMD');
  const users = final.filter((i, at) => i.keyword === 'USER' && (cmdAt < 0 || at < cmdAt));
  const user = users.at(-1)?.args;
  if (user !== 'node') problems.push(`the bot runs as ${user ?? 'root (no USER)'}, not node`);
  if (final.some((i, at) => i.keyword === 'USER' && cmdAt >= 0 && at > cmdAt)) problems.push('USER changes after CMD');
  const env = new Map(final.filter((i) => i.keyword === 'ENV').flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m): [string, string] => [m[1], m[2]])));
  if (env.get('NODE_ENV') !== 'production') problems.push(`NODE_ENV is ${env.get('NODE_ENV') ?? 'unset'}, not production`);
  const healthcheck = final.find((i) => i.keyword === 'HEALTHCHECK');
  if (!healthcheck) problems.push('no HEALTHCHECK');
  else if (!/\/healthz/.test(healthcheck.args) || !/127\.0\.0\.1/.test(healthcheck.args)) problems.push('the HEALTHCHECK does not call http://127.0.0.1:PORT/healthz');
  const cmd = final[cmdAt];
  if (!cmd) problems.push('no CMD');
  else {
    const expected = ['node', ...start.nodeArgs, start.script];
    const actual = execForm(cmd.args);
    if (actual.join(' ') !== expected.join(' ')) problems.push(`CMD is ${actual.join(' ')}, but npm start runs ${expected.join(' ')}`);
  }
  const exposed = final.find((i) => i.keyword === 'EXPOSE')?.args;
  if (exposed !== (env.get('PORT') ?? '3978')) problems.push(`EXPOSE ${exposed ?? '(none)'} is not the port the bot listens on (${env.get('PORT') ?? '3978'})`);
  const copied = final.filter((i) => i.keyword === 'COPY').map((i) => i.args);
  for (const folder of ['bot', 'dialogs', 'knowledge']) if (!copied.some((args) => new RegExp(`(^|\\s)${folder}(\\s|$)`).test(args))) problems.push(`${folder}/ is not copied into the runtime stage`);
  if (!copied.some((args) => /--from=\S+\s+\S*node_modules/.test(args))) problems.push('node_modules is not copied from the build stage');
  const chowned = final.filter((i) => i.keyword === 'RUN' && /chown\s+node/.test(i.args)).map((i) => i.args).join(' ');
  for (const folder of ['data', '.cache']) if (!new RegExp(`(^|\\s)${folder.replace('.', '\\.')}(\\s|$)`).test(chowned)) problems.push(`${folder}/ is not made writable for the node user`);
  return problems;
}

/** Runs a node -e script the way Docker would run the HEALTHCHECK; resolves to its exit code. */
function runNodeScript(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { env, timeout: 15_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0));
  });
}

// ---------------------------------------------------------------------------------------------------------------

describe('deploy/azuredeploy.json (a): the essentials of an ARM template', () => {
  it('passes the JSON Schema in deploy/arm-template.schema.json', () => {
    // A deployer would see Azure refuse the template ("InvalidTemplate") for a missing apiVersion or a misspelt section.
    expect(schemaProblems(loadArm())).toEqual([]);
  });

  it('fails the schema when a resource has no apiVersion, a section is misspelt or a parameter has no type', () => {
    const broken = clone(loadArm()) as unknown as { resources: JsonObject[]; parameters: Record<string, JsonObject> } & JsonObject;
    delete broken.resources[0].apiVersion;
    broken.resources[1].dependOn = [];
    delete broken.parameters.namePrefix.type;
    const problems = schemaProblems(broken);
    expect(problems).toContain("/resources/0 must have required property 'apiVersion'");
    expect(problems).toContain('/resources/1 must NOT have additional properties: dependOn');
    expect(problems).toContain("/parameters/namePrefix must have required property 'type'");
  });
});

describe('deploy/azuredeploy.json (b): every reference inside it resolves', () => {
  it('declares every parameter and variable it uses, and uses every one it declares', () => {
    // A deployer would see "The template parameter 'x' is not found" at deployment, or be asked for a value that does nothing.
    expect(referenceProblems(loadArm())).toEqual([]);
  });

  it('points every dependsOn and resourceId(...) at a resource type it declares, with the right number of names', () => {
    // A deployer would see a deployment wait on, or read from, a resource that is never created.
    expect(resourceIdProblems(loadArm())).toEqual([]);
  });

  it('catches an undeclared parameter, an unused one, a dangling resourceId and a wrong number of names', () => {
    const broken = clone(loadArm());
    broken.parameters.unused = { type: 'string', metadata: { description: 'declared and never used' } };
    broken.variables.botName = "[format('{0}-bot', parameters('missing'))]";
    broken.resources[0].dependsOn = ["[resourceId('Microsoft.KeyVault/vaults', 'kv')]", "[resourceId('Microsoft.Storage/storageAccounts/blobServices', 'only-one-name')]"];
    expect(referenceProblems(broken)).toEqual(expect.arrayContaining(["parameters('missing') is used but not declared", 'parameter unused is declared but never used']));
    expect(resourceIdProblems(broken)).toEqual(
      expect.arrayContaining([
        "resourceId('Microsoft.KeyVault/vaults', 'kv') names Microsoft.KeyVault/vaults, which the template does not declare",
        "resourceId('Microsoft.Storage/storageAccounts/blobServices', 'only-one-name') gives 1 name(s) for Microsoft.Storage/storageAccounts/blobServices, which needs 2",
      ]),
    );
  });
});

describe('deploy/main.bicep and deploy/azuredeploy.json (c): the same deployment', () => {
  it('have the same parameters (types, defaults, allowed values, descriptions), resources with apiVersions, outputs and app settings', () => {
    // A deployer would get a different deployment, or a refused parameter, depending on which file they used.
    expect(sameShapeProblems(bicepShape(bicepText), armShape(loadArm()))).toEqual([]);
  });

  it('read as expected: the parsers find the deployment in both files', () => {
    const bicep = bicepShape(bicepText);
    expect(bicep.parameters.get('postgresAdminPassword')).toMatchObject({ type: 'securestring', required: true });
    expect(bicep.parameters.get('botAppType')?.allowed).toEqual(['UserAssignedMSI', 'SingleTenant']);
    expect(bicep.resources).toEqual(
      expect.arrayContaining([
        'Microsoft.BotService/botServices@2022-09-15',
        'Microsoft.BotService/botServices/channels@2022-09-15',
        'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01',
        'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01',
        'Microsoft.Web/sites@2023-12-01',
      ]),
    );
    expect(bicep.resources.some((r) => r.startsWith('Microsoft.ContainerRegistry/'))).toBe(false); // `existing`: read, not deployed
    expect([...bicep.outputs.keys()]).toEqual(expect.arrayContaining(['botEndpoint', 'webAppUrl', 'microsoftAppId']));
    expect(bicep.appSettings.get('PORT')).toBe('3978');
  });

  it('keeps every secret parameter secure in both files', () => {
    // A deployer's passwords and tokens would otherwise be readable in the resource group's deployment history.
    expect([...secretParameterProblems(bicepShape(bicepText), 'main.bicep'), ...secretParameterProblems(armShape(loadArm()), 'azuredeploy.json')]).toEqual([]);
  });

  it('catches a parameter, a resource or an app setting in one file only, and a secret that is not secure', () => {
    const bicep = bicepText
      .replace("param botSku string = 'F0'", "param botSku string = 'F0'\n\n@description('Only here.')\nparam extra string = ''")
      .replace('@secure()\nparam adminToken', 'param adminToken')
      .replace("'Microsoft.Web/sites@2023-12-01'", "'Microsoft.Web/sites@2024-04-01'")
      .replace("name: 'TRUST_PROXY'", "name: 'TRUST_PROXIES'");
    const shape = bicepShape(bicep);
    const problems = sameShapeProblems(shape, armShape(loadArm()));
    expect(problems).toEqual(
      expect.arrayContaining([
        'parameter extra is only in main.bicep',
        'parameter adminToken is string in main.bicep and securestring in azuredeploy.json',
        'app setting TRUST_PROXIES is only in main.bicep',
        'app setting TRUST_PROXY is only in azuredeploy.json',
      ]),
    );
    expect(problems.some((p) => p.startsWith('resources differ') && p.includes('Microsoft.Web/sites@2024-04-01'))).toBe(true);
    expect(secretParameterProblems(shape, 'main.bicep')).toEqual(['main.bicep: parameter adminToken holds a secret but is not secure']);
  });

  it('configure the web app and the bot as the brief of the deployment says', () => {
    // Each of these is a line a deployer would otherwise have to fix by hand after deploying.
    for (const text of [bicepText, armText]) {
      expect(text).toMatch(/healthCheckPath['"]?:\s*['"]\/healthz['"]/);
      expect(text).toMatch(/httpsOnly['"]?:\s*true/);
      expect(text).toMatch(/alwaysOn['"]?:\s*true/);
      expect(text).toMatch(/ftpsState['"]?:\s*['"]Disabled['"]/);
      expect(text).toMatch(/minTlsVersion['"]?:\s*['"]1\.2['"]/);
      expect(text).toMatch(/clientAffinityEnabled['"]?:\s*false/);
      expect(text).toMatch(/https:\/\/[^'"]*\/api\/messages/);
      expect(text).toMatch(/channelName['"]?:\s*['"]MsTeamsChannel['"]/);
      expect(text).toMatch(/channelName['"]?:\s*['"]DirectLineChannel['"]/);
      // The password is URL-encoded into DATABASE_URL, and the connection must use TLS.
      const databaseUrl = /DATABASE_URL['"]?,?\s*['"]?value['"]?:\s*([^\n]*)/.exec(text)?.[1] ?? '';
      expect(databaseUrl).toMatch(/uriComponent\(\S*postgresAdminPassword/);
      expect(databaseUrl).toMatch(/sslmode=(require|verify-full)/);
    }
  });

  it("forget idle bot state in Blob Storage, as the memory store forgets it: a lifecycle rule on the state container", () => {
    // Without it, who a user said they are and their last (redacted) question would be kept for ever.
    const { resources } = loadArm();
    const tracking = resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts/blobServices')?.properties as { lastAccessTimeTrackingPolicy?: { enable?: boolean } } | undefined;
    expect(tracking?.lastAccessTimeTrackingPolicy?.enable).toBe(true);
    const policy = resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts/managementPolicies');
    const rule = JSON.stringify(policy?.properties ?? {});
    expect(rule).toContain("parameters('blobContainerName')");
    expect(rule).toMatch(/"daysAfterLastAccessTimeGreaterThan":"\[parameters\('stateIdleDays'\)\]"/);
    expect(bicepText).toMatch(/daysAfterLastAccessTimeGreaterThan: stateIdleDays/);
    expect(bicepText).toMatch(/prefixMatch: \[\s*'\$\{blobContainerName\}\/'/);
  });
});

describe('the app settings (d): what the scale-out needs, and only what the bot reads', () => {
  it.each([
    ['main.bicep', () => bicepShape(bicepText).appSettings],
    ['azuredeploy.json', () => armShape(loadArm()).appSettings],
  ])('%s sets every scale-out setting, each a variable the bot reads', (_file, settings) => {
    // A deployer would see instances that each keep their own state and data, or a setting the bot silently ignores.
    expect(appSettingProblems(settings(), configSource)).toEqual([]);
  });

  // What the template's expressions become in Azure, for the settings that are not plain strings. A Bicep string
  // with ${...} in it is filled with "x" instead (an AccountName, a host name), so its shape is still the template's.
  const deployed = (appType: string): Record<string, string> => ({
    MicrosoftAppType: appType,
    MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
    MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002',
    MicrosoftAppPassword: appType === 'SingleTenant' ? 'client-secret' : '',
    ADMIN_TOKEN: '0123456789abcdef01234567',
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
  });

  it.each(bicepShape(bicepText).parameters.get('botAppType')?.allowed ?? [])('are accepted by the bot at start, with botAppType %s', (appType) => {
    // A deployer would see the container stop at start with "Configuration: X must be ...", and App Service restart it forever.
    const resolved = bicepShape(bicepText).appSettings;
    const env: Record<string, string> = {};
    for (const [name, raw] of bicepAppSettings(bicepText)) {
      const interpolated = /^'(.*)'$/.test(raw) && raw.includes('${') ? raw.slice(1, -1).replace(/\$\{[^}]*\}/g, 'x') : undefined;
      const value = deployed(appType)[name] ?? resolved.get(name) ?? interpolated;
      if (value === undefined) throw new Error(`no sample value for app setting ${name} (${raw}): add one to deployed()`);
      env[name] = value;
    }
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/x:x@x:5432\/x\?sslmode=/);
    expect(readConfig(env)).toMatchObject({ port: 3978, trustedProxies: 1, watchKnowledge: false, microsoftApp: { appType } });
  });

  it('catches a missing scale-out setting, a name the bot does not read and state kept in memory', () => {
    const settings = new Map(bicepShape(bicepText).appSettings);
    settings.delete('DATABASE_URL');
    settings.set('STATE_STORAGE', 'memory');
    settings.set('MICROSOFT_APP_ID', 'x');
    expect(appSettingProblems(settings, configSource)).toEqual(
      expect.arrayContaining([
        'app setting DATABASE_URL is missing',
        'app setting MICROSOFT_APP_ID is not a variable bot/config.ts reads',
        'STATE_STORAGE is memory, not blob: each instance would keep its own state',
      ]),
    );
  });
});

describe('Dockerfile (e): what the image runs', () => {
  const instructions = dockerInstructions(dockerfileText);

  it("builds on Node 22, without devDependencies, runs as node, checks /healthz and starts as npm start does", () => {
    // A deployer would see a root container, a bloated image, or a bot started differently from npm start.
    expect(dockerfileProblems(instructions, startCommand())).toEqual([]);
  });

  it('catches an old Node, devDependencies, root, a CMD that is not npm start, and no healthcheck', () => {
    const broken = dockerfileText
      .replace('FROM node:22-bookworm-slim', 'FROM node:20-bookworm-slim')
      .replace('--omit=dev ', '')
      .replace(/^USER node$/m, 'USER root')
      .replace('"--max-semi-space-size=4", ', '')
      .replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, '');
    expect(dockerfileProblems(dockerInstructions(broken), startCommand())).toEqual(
      expect.arrayContaining([
        'FROM node:20-bookworm-slim AS runtime is not node:22-bookworm[-slim]',
        expect.stringMatching(/installs devDependencies \(no --omit=dev\)/),
        'the bot runs as root, not node',
        expect.stringMatching(/^CMD is node --heap-growing-percent=50 --import tsx bot\/index\.ts, but npm start runs node --heap-growing-percent=50 --max-semi-space-size=4/),
        'no HEALTHCHECK',
      ]),
    );
  });

  describe("the HEALTHCHECK's script, run with node against a stand-in /healthz", () => {
    const healthcheck = instructions.find((i) => i.keyword === 'HEALTHCHECK');
    const command = execForm(healthcheck?.args ?? '[]');
    let status = 200;
    let server: http.Server;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        res.statusCode = req.url === '/healthz' ? status : 404;
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is node -e, with node built-in fetch (slim images have no curl)', () => {
      expect(command.slice(0, 2)).toEqual(['node', '-e']);
      expect(command[2]).toMatch(/fetch\(/);
    });

    it.each([
      [200, 0],
      [503, 1],
      [404, 1],
    ])('answers %i → exits %i', async (answer, exitCode) => {
      // Docker (and anyone reading `docker ps`) would otherwise call a bot healthy that has no knowledge base loaded.
      status = answer;
      expect(await runNodeScript(command[2], { ...process.env, PORT: String(port) })).toBe(exitCode);
    });

    it('exits 1 when nothing listens on PORT', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const unused = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expect(await runNodeScript(command[2], { ...process.env, PORT: String(unused) })).toBe(1);
    });
  });

  it('keeps node_modules, .git, .env, data and .cache out of the build context (.dockerignore)', () => {
    // A deployer would otherwise ship a local .env (secrets) or a local database inside the image.
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', '.git', '.env', 'data', '.cache', 'test-artifacts']) expect(ignored).toContain(entry);
  });
});

describe('deploy/azuredeploy.parameters.example.json', () => {
  it('names only declared parameters, gives every required one except the secrets, and holds no secret', () => {
    // A deployer copying it would otherwise be refused a parameter, or find a password written in a file.
    const example = JSON.parse(read('deploy', 'azuredeploy.parameters.example.json')) as { $schema: string; parameters: Record<string, { value: Json }> };
    const { parameters } = loadArm();
    expect(example.$schema).toMatch(/deploymentParameters\.json#$/);
    for (const name of Object.keys(example.parameters)) {
      expect(parameters[name]).toBeDefined();
      expect(parameters[name].type).not.toBe('securestring');
    }
    const required = Object.entries(parameters).filter(([, p]) => p.defaultValue === undefined && p.type !== 'securestring').map(([name]) => name);
    expect(Object.keys(example.parameters)).toEqual(expect.arrayContaining(required));
  });
});

it('the deployment folder holds the files the README section points to', () => {
  for (const file of ['main.bicep', 'azuredeploy.json', 'azuredeploy.parameters.example.json', 'arm-template.schema.json']) expect(readFileSync(path.join(DEPLOY, file), 'utf8').length).toBeGreaterThan(100);
});
