import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import type { ParsedYamlCache } from './parsedYamlCache';

/** A parsed YAML file whose shape has been checked against its JSON Schema. */
export interface CheckedYaml<T> {
  data: T;
  /** Line (1-based) of the node at a path such as ['entries', 3, 'id']. */
  lineOf(path: readonly (string | number)[]): number;
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `entries[3].questions` for people, from ['entries', 3, 'questions']. */
function describePath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function reasonFor(error: ErrorObject, where: string): string {
  const subject = where ? `"${where}"` : 'the file';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(params.additionalProperty)}"${where ? ` in ${where}` : ''}`;
    case 'required':
      return `missing required field "${String(params.missingProperty)}"${where ? ` in ${where}` : ''}`;
    case 'type':
      return `${subject} must be ${params.type === 'array' ? 'a list' : params.type === 'object' ? 'a mapping' : `a ${String(params.type)}`}`;
    case 'minItems':
      return `${subject} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${subject} may have at most ${String(params.limit)} items`;
    case 'minLength':
      return `${subject} must not be empty`;
    case 'maxLength':
      return `${subject} must be at most ${String(params.limit)} characters`;
    case 'enum':
      return `${subject} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'uniqueItems':
      return `${subject} lists the same value twice`;
    case 'minProperties':
      return `${subject} must not be empty`;
    case 'pattern':
      return where.endsWith('.id') || where === 'id'
        ? `${subject} must look like area.topic (lower case letters, digits and hyphens), e.g. event.date`
        : error.params && (params.pattern as string) === '\\S'
          ? `${subject} must not be blank`
          : `${subject} must match ${String(params.pattern)}`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
}

/** Where an error should point: the offending key for unknown fields, else the value itself, else its nearest parent. */
function errorLine(doc: Document, lineCounter: LineCounter, path: (string | number)[], error: ErrorObject): number {
  if (error.keyword === 'additionalProperties') {
    const map = nodeAt(doc, path);
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    if (map && isMap(map)) {
      const pair = map.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
      const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
      if (keyNode?.range) return lineCounter.linePos(keyNode.range[0]).line;
    }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(doc, path.slice(0, depth));
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** A YAML document with the line of each of its offsets. */
function parsed(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
}

/**
 * Parses one YAML file and checks it against a JSON Schema.
 * Returns the data, or every problem found (syntax first: a file that does not parse is not checked further).
 * With a cache, a text that was valid against this schema before is read from it, and only parsed again if a
 * line is asked for (see ParsedYamlCache).
 */
export function readCheckedYaml<T>(text: string, file: string, schema: object, cache?: ParsedYamlCache): CheckedYaml<T> | { problems: KnowledgeProblem[] } {
  const key = cache?.keyOf(text, schema);
  const known = key === undefined ? undefined : cache?.get(key);
  if (known !== undefined) {
    let lines: ReturnType<typeof parsed> | undefined;
    return {
      data: known as T,
      lineOf: (path) => {
        lines ??= parsed(text);
        return errorLine(lines.doc, lines.lineCounter, [...path], { keyword: 'line' } as ErrorObject);
      },
    };
  }
  const { doc, lineCounter } = parsed(text);
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
        reason: `invalid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const data: unknown = doc.toJS();
  const validate = validatorFor(schema);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((error) => {
      const path = pathOf(error.instancePath);
      return { file, line: errorLine(doc, lineCounter, path, error), reason: reasonFor(error, describePath(path)) };
    });
    return { problems: dedupe(problems) };
  }
  if (key !== undefined) cache?.set(key, data);
  return {
    data: data as T,
    lineOf: (path) => errorLine(doc, lineCounter, [...path], { keyword: 'line' } as ErrorObject),
  };
}

function dedupe(problems: KnowledgeProblem[]): KnowledgeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}|${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The YAML files of a folder, by name, as paths. */
export function yamlFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(folder, name));
}

/**
 * Reads and checks every YAML file of a folder (named relative to the working directory); `build` turns each
 * checked file into what the caller keeps, adding problems of its own. Throws a KnowledgeError listing every
 * problem of every file.
 */
export function readCheckedFolder<T, R>(folder: string, schema: object, build: (checked: CheckedYaml<T>, file: string, problems: KnowledgeProblem[]) => R): R[] {
  const problems: KnowledgeProblem[] = [];
  const results: R[] = [];
  for (const file of yamlFilesIn(folder)) {
    const shown = path.relative(process.cwd(), file);
    const checked = readCheckedYaml<T>(readFileSync(file, 'utf8'), shown, schema);
    if ('problems' in checked) problems.push(...checked.problems);
    else results.push(build(checked, shown, problems));
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return results;
}
