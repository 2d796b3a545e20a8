import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Config } from './config';

/**
 * The bot's traces: one `turn` span per message or welcome (its channel, the kind of reply, the entry answered, the
 * confidence and the audience). Never the message, the reply or who sent it.
 * Until `startTelemetry` runs, the tracer is OpenTelemetry's no-op: off by default, nothing is exported.
 */
const tracer = trace.getTracer('cop-guide-bot');

/** Runs `work` inside a span named `name`; a throw marks the span failed (with the error's type, not its message). */
export async function inSpan<T>(name: string, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

export interface Telemetry {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Turns telemetry on when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go to that OpenTelemetry collector over
 * OTLP/HTTP (JSON), in batches, off the request path. The SDK is loaded only then, so the default start pays
 * nothing for it. The exporter reads its own optional OTEL_EXPORTER_OTLP_HEADERS (an API key, say).
 */
export async function startTelemetry({ telemetry }: Pick<Config, 'telemetry'>): Promise<Telemetry | undefined> {
  if (!telemetry.otlpEndpoint) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${telemetry.otlpEndpoint}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': telemetry.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: telemetry.exportEveryMs })],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
