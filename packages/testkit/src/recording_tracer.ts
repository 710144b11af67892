/**
 * An in-memory {@linkcode Tracer} for unit tests: it records every span (name, attributes,
 * failure, parent, whether it ended), nesting them the way a runtime tracer does, by the async
 * context the work runs in, so concurrent work gets the right parents.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SpanAttributes, SpanAttributeValue, Tracer } from "@spkey/contracts/upstream";

/** One recorded span. */
export interface RecordedSpan {
  name: string;
  /** The attributes, later values replacing earlier ones; `undefined` values left out. */
  attributes: Record<string, SpanAttributeValue>;
  /** The `errorType` it was failed with, if it was. */
  failed: string | undefined;
  parent: RecordedSpan | null;
  ended: boolean;
}

/** A {@linkcode Tracer} that keeps what it records. */
export interface RecordingTracer extends Tracer {
  /** Every span so far, in start order. */
  readonly spans: RecordedSpan[];
  /** The spans whose parent is `parent` (`null`: the roots). */
  childrenOf(parent: RecordedSpan | null): RecordedSpan[];
}

/**
 * Creates a recording tracer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { recordingTracer } from "@spkey/testkit";
 * const tracer = recordingTracer();
 * await tracer.inSpan("request", {}, () =>
 *   Promise.all([
 *     tracer.inSpan("read", { rows: 3 }, () => Promise.resolve()),
 *     tracer.inSpan("call", {}, () => Promise.reject(new RangeError("no"))).catch(() => {}),
 *   ]));
 * const [request] = tracer.childrenOf(null);
 * assertEquals(tracer.childrenOf(request).map((s) => [s.name, s.failed, s.ended]), [
 *   ["read", undefined, true],
 *   ["call", "RangeError", true],
 * ]);
 * ```
 */
export function recordingTracer(): RecordingTracer {
  const spans: RecordedSpan[] = [];
  const current = new AsyncLocalStorage<RecordedSpan>();
  const handle = (span: RecordedSpan) => ({
    setAttributes(attributes: SpanAttributes) {
      for (const [key, value] of Object.entries(attributes)) {
        if (value !== undefined) span.attributes[key] = value;
      }
    },
    fail(errorType: string) {
      span.failed = errorType;
    },
    rename(name: string) {
      span.name = name;
    },
  });
  return {
    spans,
    childrenOf: (parent) => spans.filter((span) => span.parent === parent),
    async inSpan(name, attributes, work) {
      const span: RecordedSpan = {
        name,
        attributes: {},
        failed: undefined,
        parent: current.getStore() ?? null,
        ended: false,
      };
      spans.push(span);
      const traced = handle(span);
      traced.setAttributes(attributes);
      try {
        return await current.run(span, () => work(traced));
      } catch (error) {
        span.failed ??= (error as Error)?.name ?? "Error";
        throw error;
      } finally {
        span.ended = true;
      }
    },
    activeSpan() {
      const span = current.getStore();
      return span === undefined ? null : handle(span);
    },
  };
}
