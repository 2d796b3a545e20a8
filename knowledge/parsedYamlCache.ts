import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ajvPackage from 'ajv/package.json';
import yamlPackage from 'yaml/package.json';
import { CACHE_ROOT, pruneCacheFiles, writeCacheFile } from './cacheFiles';

/**
 * Part of every key: bump FORMAT when what is kept changes; a new version of the YAML parser or of the schema
 * checker may read a text differently, so their versions count too.
 */
const FORMAT = `1 yaml ${yamlPackage.version} ajv ${ajvPackage.version}`;
/** Parsed files are kept here (git-ignored), beside the trained models. */
export const DEFAULT_PARSED_CACHE = path.join(CACHE_ROOT, 'parsed');
/** Beyond this many kept files, the least recently written go: every saved version of a live-edited file leaves one. */
const KEPT_FILES = 400;

/**
 * The data of YAML files that were valid against their schema, kept as JSON by a hash of the text and the schema.
 * Parsing YAML is most of what loading the knowledge base costs (its training corpora are megabytes), and a start
 * reads the same bytes as the last one: JSON reads ten times faster. A text is only ever served the data it was
 * parsed into, because the key is its own hash; a cache that cannot be read or written only makes loading slower.
 */
export class ParsedYamlCache {
  private readonly schemaKeys = new WeakMap<object, string>();
  private written = 0;

  constructor(
    private readonly folder: string,
    private readonly keep = KEPT_FILES,
  ) {}

  keyOf(text: string, schema: object): string {
    let schemaKey = this.schemaKeys.get(schema);
    if (schemaKey === undefined) {
      schemaKey = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
      this.schemaKeys.set(schema, schemaKey);
    }
    return createHash('sha256').update(`${FORMAT}\0${schemaKey}\0${text}`).digest('hex').slice(0, 32);
  }

  get(key: string): unknown {
    try {
      return JSON.parse(readFileSync(path.join(this.folder, `${key}.json`), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  set(key: string, data: unknown): void {
    let json: string;
    try {
      // Only data JSON gives back as it was: a number JSON cannot hold (.inf, .nan) keeps the file out of the cache.
      json = JSON.stringify(data, (_key, value: unknown) => {
        if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('not a JSON number');
        return value;
      });
    } catch {
      return;
    }
    try {
      writeCacheFile(path.join(this.folder, `${key}.json`), json);
      if (++this.written % 50 === 1) pruneCacheFiles(this.folder, (name) => name.endsWith('.json'), this.keep);
    } catch {
      // Read-only or full disk: the next load parses again.
    }
  }
}
