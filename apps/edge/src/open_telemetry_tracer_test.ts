import { assertEquals, assertRejects } from "@std/assert";
import type { trace } from "@opentelemetry/api";
import { openTelemetryTracer, TRACER_NAME } from "./open_telemetry_tracer.ts";

/** What the adapter did to one OpenTelemetry span. */
interface FakeSpan {
  name: string;
  calls: unknown[][];
  ended: boolean;
}

/** A provider whose tracer records how the adapter drives the OpenTelemetry span API. */
function fakeProvider() {
  const spans: FakeSpan[] = [];
  const scopes: string[] = [];
  const provider = {
    getTracer(scope: string) {
      scopes.push(scope);
      return {
        startActiveSpan(
          name: string,
          options: { attributes: Record<string, unknown> },
          fn: (span: unknown) => unknown,
        ) {
          const span: FakeSpan = { name, calls: [["start", options.attributes]], ended: false };
          spans.push(span);
          return fn({
            setAttributes: (a: unknown) => span.calls.push(["setAttributes", a]),
            setAttribute: (k: unknown, v: unknown) => span.calls.push(["setAttribute", k, v]),
            setStatus: (s: unknown) => span.calls.push(["setStatus", s]),
            updateName: (n: unknown) => span.calls.push(["updateName", n]),
            end: () => (span.ended = true),
          });
        },
      };
    },
  } as unknown as Pick<typeof trace, "getTracer">;
  return { provider, spans, scopes };
}

Deno.test("inSpan starts an active span without undefined attributes and ends it", async () => {
  const { provider, spans, scopes } = fakeProvider();
  const tracer = openTelemetryTracer(provider);
  const answer = await tracer.inSpan("3dEye GET /users", { a: 1, b: undefined }, (span) => {
    span.setAttributes({ "http.response.status_code": 200, gone: undefined });
    span.rename("3dEye GET /users (page 2)");
    return Promise.resolve("done");
  });
  assertEquals(answer, "done");
  assertEquals(scopes, [TRACER_NAME]);
  assertEquals(spans, [{
    name: "3dEye GET /users",
    calls: [
      ["start", { a: 1 }],
      ["setAttributes", { "http.response.status_code": 200 }],
      ["updateName", "3dEye GET /users (page 2)"],
    ],
    ended: true,
  }]);
});

Deno.test("a rejected work fails its span by class name, no message, and rethrows", async () => {
  const { provider, spans } = fakeProvider();
  const tracer = openTelemetryTracer(provider);
  await assertRejects(
    () =>
      tracer.inSpan("database ping", {}, () => Promise.reject(new TypeError("upstream said x"))),
    TypeError,
    "upstream said x",
  );
  assertEquals(spans[0].calls.slice(1), [
    ["setAttribute", "error.type", "TypeError"],
    ["setStatus", { code: 2 }],
  ]);
  assertEquals(spans[0].ended, true);
});

Deno.test("a span the work failed itself keeps the work's error type", async () => {
  const { provider, spans } = fakeProvider();
  const tracer = openTelemetryTracer(provider);
  await tracer.inSpan("D1 query", {}, (span) => {
    span.fail("timeout");
    return Promise.reject(new Error("x"));
  }).catch(() => {});
  assertEquals(spans[0].calls.slice(1), [
    ["setAttribute", "error.type", "timeout"],
    ["setStatus", { code: 2 }],
  ]);
});
