import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildApp } from '../../bot/app';
import type { Storage } from 'botbuilder';
import type { InsightsStore } from '../../bot/insights/store';
import { createLogger, type Logger } from '../../bot/logger';
import { testConfig } from './testBot';

/** The real HTTP app on an ephemeral port of 127.0.0.1. */
export async function startApp(knowledgeFolder: string, env: Record<string, string> = {}, options: { loadKnowledge?: boolean; storage?: Storage; logger?: Logger; insights?: InsightsStore } = {}) {
  const { server, watcher } = await buildApp(testConfig(knowledgeFolder, env), options.logger ?? createLogger('silent'), options);
  try {
    await watcher?.ready();
    await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  } catch (error) {
    // Nothing built here outlives a start that failed: the suite's afterAll has no app to close.
    await closeServer(server);
    throw error;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Received {
  path: string;
  body: Record<string, unknown>;
}

/** A stand-in Bot Framework connector on 127.0.0.1 that records the activities the bot posts to it. */
export async function startStubConnector() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** POSTs JSON (or a raw string); `headers` are added to (or replace) the JSON content type. */
export function post(url: string, body: string | object, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** A message activity as the Emulator sends it; `extra` adds or replaces fields (set one to undefined to leave it out). */
export const emulatorActivity = (text: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'activity-1',
  text,
  channelId: 'emulator',
  conversation: { id: 'conversation-1' },
  from: { id: 'user-1', name: 'User' },
  recipient: { id: 'bot-1', name: 'COP Guide Bot' },
  ...extra,
});
