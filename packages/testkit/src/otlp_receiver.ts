/**
 * A loopback OTLP/HTTP receiver (JSON protocol) for tests: it takes what an exporter sends to
 * `POST /v1/traces`, `/v1/logs` and `/v1/metrics`, keeps it, and answers as a collector does
 * (`200 {}`), so a test can start a service with `OTEL_EXPORTER_OTLP_ENDPOINT` pointing here and
 * assert on the spans it exported. Spans are flattened out of OTLP's resource → scope → span
 * nesting; logs and metrics are kept as the raw request bodies (enough to search them for what
 * must not be there).
 *
 * Only `application/json` bodies are accepted (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`); a
 * protobuf export is answered 415 and counted in `rejected`, so a misconfigured exporter shows up
 * as missing spans plus a count, not as silence.
 *
 * @module
 */
import { serveLoopback } from "./loopback_server.ts";

/** An OTLP attribute value, decoded (`intValue` arrives as a decimal string in OTLP/JSON). */
export type OtlpValue =
  | string
  | number
  | boolean
  | null
  | OtlpValue[]
  | { [key: string]: OtlpValue };

/** The span kinds of OTLP (`SPAN_KIND_*`), by name. */
export type ReceivedSpanKind =
  | "unspecified"
  | "internal"
  | "server"
  | "client"
  | "producer"
  | "consumer";

/** One received span, out of its resource and scope. */
export interface ReceivedSpan {
  /** `service.name` of the resource that exported it. */
  service: string | null;
  /** The instrumentation scope's name (Deno's own spans: `deno`). */
  scope: string;
  traceId: string;
  spanId: string;
  /** The parent's span id; `""` for a root span. */
  parentSpanId: string;
  name: string;
  kind: ReceivedSpanKind;
  /**
   * Every attribute in the order received. A key may appear twice: an exporter that appends
   * rather than replaces (Deno 2.9 does) sends both values, and a test must see both.
   */
  attributes: Array<[string, OtlpValue]>;
  /** OTLP status: code 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  startTimeUnixNano: string;
  endTimeUnixNano: string;
}

/** A running receiver. */
export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: the value for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly url: string;
  /** Every span received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** The raw JSON bodies received at `/v1/logs`. */
  logBodies(): string[];
  /** The raw JSON bodies received at `/v1/metrics`. */
  metricBodies(): string[];
  /** Exports refused because they were not JSON (or not parseable). */
  readonly rejected: number;
  /**
   * Resolves with the spans once `done(spans)` holds; rejects after `timeoutMs` (default 15 s)
   * with what was received, so a failing test says what it got.
   */
  waitFor(done: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

const KINDS: ReceivedSpanKind[] = [
  "unspecified",
  "internal",
  "server",
  "client",
  "producer",
  "consumer",
];

/**
 * Starts a receiver on 127.0.0.1 with an OS-chosen port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { startOtlpReceiver } from "./otlp_receiver.ts";
 * const receiver = startOtlpReceiver();
 * const span = { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", name: "GET /x", kind: 2 };
 * const body = { resourceSpans: [{ scopeSpans: [{ scope: { name: "deno" }, spans: [span] }] }] };
 * const answer = await fetch(`${receiver.url}/v1/traces`, {
 *   method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
 * });
 * assertEquals([answer.status, await answer.json()], [200, {}]);
 * assertEquals(receiver.spans().map((s) => [s.name, s.kind, s.parentSpanId]), [["GET /x", "server", ""]]);
 * await receiver.close();
 * ```
 */
export function startOtlpReceiver(): OtlpReceiver {
  const spans: ReceivedSpan[] = [];
  const logs: string[] = [];
  const metrics: string[] = [];
  let rejected = 0;
  const changed = new EventTarget();

  const server = serveLoopback(async (request) => {
    const { pathname } = new URL(request.url);
    const signal = ({
      "/v1/traces": "traces",
      "/v1/logs": "logs",
      "/v1/metrics": "metrics",
    } as const)[pathname];
    if (request.method !== "POST" || signal === undefined) {
      await request.body?.cancel();
      return new Response(null, { status: 404 });
    }
    const text = await request.text();
    const type = request.headers.get("content-type") ?? "";
    let body: unknown;
    try {
      if (!type.startsWith("application/json")) throw new TypeError("not JSON");
      body = JSON.parse(text);
    } catch {
      rejected += 1;
      return new Response(null, { status: 415 });
    }
    if (signal === "traces") spans.push(...flattenSpans(body));
    else if (signal === "logs") logs.push(text);
    else metrics.push(text);
    changed.dispatchEvent(new Event("change"));
    return Response.json({});
  });

  return {
    url: server.url,
    spans: () => [...spans],
    logBodies: () => [...logs],
    metricBodies: () => [...metrics],
    get rejected() {
      return rejected;
    },
    waitFor(done, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done([...spans])) return false;
          finish();
          resolve([...spans]);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          const names = spans.map((s) => s.name).join(", ");
          reject(new Error(`Spans not received in ${timeoutMs} ms; got ${spans.length}: ${names}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          changed.removeEventListener("change", check);
        };
        if (!check()) changed.addEventListener("change", check);
      });
    },
    close: () => server.close(),
  };
}

/** The first value of `key` on `span`, or undefined. */
export function spanAttribute(span: ReceivedSpan, key: string): OtlpValue | undefined {
  return span.attributes.find(([name]) => name === key)?.[1];
}

/** Every value `key` has on `span`, in order (more than one when it was set twice). */
export function spanAttributeValues(span: ReceivedSpan, key: string): OtlpValue[] {
  return span.attributes.filter(([name]) => name === key).map(([, value]) => value);
}

interface OtlpKeyValue {
  key?: string;
  value?: Record<string, unknown>;
}

function flattenSpans(body: unknown): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const resourceSpan of list((body as { resourceSpans?: unknown })?.resourceSpans)) {
    const resource = (resourceSpan as { resource?: { attributes?: unknown } }).resource;
    const service = attributes(resource?.attributes).find(([k]) => k === "service.name")?.[1];
    for (const scopeSpan of list((resourceSpan as { scopeSpans?: unknown }).scopeSpans)) {
      const scope = String((scopeSpan as { scope?: { name?: unknown } }).scope?.name ?? "");
      for (const raw of list((scopeSpan as { spans?: unknown }).spans)) {
        const span = raw as Record<string, unknown>;
        const status = (span.status ?? {}) as { code?: unknown; message?: unknown };
        out.push({
          service: typeof service === "string" ? service : null,
          scope,
          traceId: String(span.traceId ?? ""),
          spanId: String(span.spanId ?? ""),
          parentSpanId: String(span.parentSpanId ?? ""),
          name: String(span.name ?? ""),
          kind: KINDS[Number(span.kind ?? 0)] ?? "unspecified",
          attributes: attributes(span.attributes),
          status: { code: Number(status.code ?? 0), message: String(status.message ?? "") },
          startTimeUnixNano: String(span.startTimeUnixNano ?? ""),
          endTimeUnixNano: String(span.endTimeUnixNano ?? ""),
        });
      }
    }
  }
  return out;
}

function attributes(raw: unknown): Array<[string, OtlpValue]> {
  return list(raw).map((entry) => {
    const { key, value } = entry as OtlpKeyValue;
    return [String(key ?? ""), decode(value)];
  });
}

/** An OTLP/JSON `AnyValue` as a plain value. */
function decode(value: Record<string, unknown> | undefined): OtlpValue {
  if (value === undefined || value === null) return null;
  if ("stringValue" in value) return String(value.stringValue);
  if ("boolValue" in value) return Boolean(value.boolValue);
  if ("intValue" in value) return Number(value.intValue);
  if ("doubleValue" in value) return Number(value.doubleValue);
  if ("bytesValue" in value) return String(value.bytesValue);
  if ("arrayValue" in value) {
    return list((value.arrayValue as { values?: unknown })?.values).map((v) =>
      decode(v as Record<string, unknown>)
    );
  }
  if ("kvlistValue" in value) {
    return Object.fromEntries(attributes((value.kvlistValue as { values?: unknown })?.values));
  }
  return null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
