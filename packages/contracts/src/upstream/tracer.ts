/**
 * The tracing port: how the product reports a unit of work (a request, a database read, an
 * upstream call) as a span without depending on a tracing library. A runtime adapter implements
 * {@linkcode Tracer} (the Deno entry over `@opentelemetry/api`, which Deno's built-in
 * OpenTelemetry exports); code that is given none runs with {@linkcode NO_TRACER}.
 *
 * It lives beside `fetchUpstream` because upstream calls are what this package traces; the API
 * package takes the same port for its request and database spans.
 *
 * Attributes are chosen, never copied from a request: names, counts, methods, statuses, hosts
 * and error kinds. Never an email, a key, a token, a stamp, a password, a URL's query or an
 * upstream's text (an error is recorded by its kind or class name, never its message).
 *
 * @module
 */

/** An attribute value: text, number or flag. */
export type SpanAttributeValue = string | number | boolean;

/** Attributes to record; an `undefined` value is left out (not recorded as empty). */
export type SpanAttributes = Readonly<Record<string, SpanAttributeValue | undefined>>;

/** A span being recorded. */
export interface TraceSpan {
  /** Adds attributes (see the module doc for what may go in). */
  setAttributes(attributes: SpanAttributes): void;
  /**
   * Marks the span failed. `errorType` is a short, safe class of failure (`timeout`,
   * `StoreUnavailableError`), recorded as `error.type`; never an error's message.
   */
  fail(errorType: string): void;
  /** Renames the span (a request span becomes `GET /route/:param` once routed). */
  rename(name: string): void;
}

/** Creates spans for units of work. */
export interface Tracer {
  /**
   * Runs `work` in a new span named `name`, a child of the span current where it is called
   * (so spans started inside `work`, the runtime's own included, nest under it). The span ends
   * when `work` settles; when it rejects, the span is failed with the error's class name (unless
   * `work` already failed it) and the rejection passes through unchanged.
   */
  inSpan<T>(
    name: string,
    attributes: SpanAttributes,
    work: (span: TraceSpan) => Promise<T>,
  ): Promise<T>;
  /** The span current where it is called (e.g. the runtime's span of the request being served). */
  activeSpan(): TraceSpan | null;
}

const NO_SPAN: TraceSpan = {
  setAttributes() {},
  fail() {},
  rename() {},
};

/**
 * The tracer that records nothing: `inSpan` just runs the work.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { NO_TRACER } from "@spkey/contracts/upstream";
 * const answer = await NO_TRACER.inSpan("work", { items: 3 }, (span) => {
 *   span.setAttributes({ done: true });
 *   return Promise.resolve(42);
 * });
 * assertEquals([answer, NO_TRACER.activeSpan()], [42, null]);
 * ```
 */
export const NO_TRACER: Tracer = {
  inSpan: (_name, _attributes, work) => work(NO_SPAN),
  activeSpan: () => null,
};
