/**
 * The Deno entry's {@linkcode Tracer}: the app's tracing port over `@opentelemetry/api`, whose
 * global provider Deno's built-in OpenTelemetry installs when it runs with `OTEL_DENO=true`. Then
 * every span made here is exported with Deno's own (the server span of each request, a client
 * span per `fetch`), in the same trace, nested by Deno's async context. Without `OTEL_DENO` the
 * API's no-op provider answers: nothing is recorded and `activeSpan()` is null.
 *
 * A failed span records `error.type` and an error status without a message: an error's message
 * may quote an upstream, and no span carries upstream text.
 *
 * @module
 */
import {
  type Span,
  type SpanAttributes as OtelAttributes,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { SpanAttributes, Tracer, TraceSpan } from "@spkey/contracts/upstream";

/** The instrumentation scope of the app's spans (Deno's own are `deno`). */
export const TRACER_NAME = "spkey-admin-diagnostics";

/**
 * Creates the tracer.
 *
 * @param tracerProvider Where spans come from; default the global one (Deno's, when tracing).
 * @returns The app's tracing port.
 *
 * @example Without OTEL_DENO nothing is recorded and the work runs as is
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { openTelemetryTracer } from "./open_telemetry_tracer.ts";
 * const tracer = openTelemetryTracer();
 * assertEquals(await tracer.inSpan("work", {}, () => Promise.resolve(7)), 7);
 * assertEquals(tracer.activeSpan(), null);
 * ```
 */
export function openTelemetryTracer(
  tracerProvider: Pick<typeof trace, "getTracer"> = trace,
): Tracer {
  const tracer = tracerProvider.getTracer(TRACER_NAME);
  return {
    inSpan(name, attributes, work) {
      return tracer.startActiveSpan(name, { attributes: defined(attributes) }, async (span) => {
        const traced = traceSpan(span);
        try {
          return await work(traced);
        } catch (error) {
          if (!traced.failed) traced.fail((error as Error)?.name ?? "Error");
          throw error;
        } finally {
          span.end();
        }
      });
    },
    activeSpan() {
      const span = trace.getActiveSpan();
      return span?.isRecording() ? traceSpan(span) : null;
    },
  };
}

function traceSpan(span: Span): TraceSpan & { readonly failed: boolean } {
  let failed = false;
  return {
    get failed() {
      return failed;
    },
    setAttributes: (attributes) => span.setAttributes(defined(attributes)),
    fail(errorType) {
      failed = true;
      span.setAttribute("error.type", errorType);
      span.setStatus({ code: SpanStatusCode.ERROR });
    },
    rename: (name) => span.updateName(name),
  };
}

function defined(attributes: SpanAttributes): OtelAttributes {
  const out: OtelAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}
