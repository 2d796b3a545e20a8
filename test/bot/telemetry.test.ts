import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../bot/config';
import { inSpan, startTelemetry } from '../../bot/telemetry';
import { startBot } from '../helpers/run';

/** A stand-in OpenTelemetry collector on 127.0.0.1: keeps every OTLP/HTTP JSON body posted to /v1/traces. */
async function startCollector() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface OtlpValue {
  stringValue?: string;
  doubleValue?: number;
  intValue?: number | string;
  boolValue?: boolean;
}
interface OtlpSpan {
  name: string;
  attributes: { key: string; value: OtlpValue }[];
}

function spansIn(bodies: string[]): { name: string; attributes: Record<string, unknown> }[] {
  return bodies.flatMap((body) =>
    (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) =>
        scope.spans.map((span) => ({ name: span.name, attributes: Object.fromEntries(span.attributes.map(({ key, value }) => [key, value.stringValue ?? value.doubleValue ?? value.intValue ?? value.boolValue])) })),
      ),
    ),
  );
}

describe('telemetry (OpenTelemetry)', () => {
  it('is off by default: nothing is started and a span is a no-op', async () => {
    expect(await startTelemetry(readConfig({}))).toBeUndefined();
    await expect(inSpan('turn', async () => 42)).resolves.toBe(42);
    await expect(inSpan('turn', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT, npm start sends one span per message to the collector: what happened, never what was said or by whom', async () => {
    const collector = await startCollector();
    const bot = startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KB_WATCH: 'false', DATABASE_FILE: ':memory:', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' }, /"port":(\d+)/);
    try {
      const port = /\d+/.exec(await bot.started)?.[0];
      const said = 'When was the launch event? my number is 07700 900123';
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: said, channelId: 'emulator', deliveryMode: 'expectReplies', conversation: { id: 'conversation-secret-7' }, from: { id: 'user-secret-7' }, recipient: { id: 'b' } }),
      });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 20_000;
      while (!spansIn(collector.bodies).some((span) => span.name === 'turn') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      const turn = spansIn(collector.bodies).find((span) => span.name === 'turn');
      expect(turn?.attributes).toMatchObject({ 'cop.request': 'message', 'cop.channel': 'emulator', 'cop.reply.kind': 'answer', 'cop.entry': expect.stringMatching(/^event\./), 'cop.audience': 'general' });
      const everything = collector.bodies.join('\n');
      expect(everything).toContain('"cop-guide-bot"');
      for (const secret of ['07700', 'launch event?', 'user-secret-7', 'conversation-secret-7', '24 June']) expect(everything).not.toContain(secret);
      expect(bot.stderr()).toMatch(/telemetry on/);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
      await collector.close();
    }
  });
});
