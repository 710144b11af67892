import { assertEquals, assertRejects } from "@std/assert";
import { spanAttribute, spanAttributeValues, startOtlpReceiver } from "./otlp_receiver.ts";

const post = (url: string, body: string, type = "application/json") =>
  fetch(url, { method: "POST", headers: { "content-type": type }, body });

// The shape of OTLP/JSON as the specification writes it: hex ids, int64 as decimal strings.
const EXPORT = {
  resourceSpans: [{
    resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
    scopeSpans: [{
      scope: { name: "deno", version: "2.9.5" },
      spans: [{
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: "eee19b7ec3c1b174",
        parentSpanId: "eee19b7ec3c1b173",
        name: "fetch",
        kind: 3,
        startTimeUnixNano: "1544712660000000000",
        endTimeUnixNano: "1544712661000000000",
        attributes: [
          { key: "url.query", value: { stringValue: "a=1" } },
          { key: "http.response.status_code", value: { intValue: "200" } },
          { key: "ok", value: { boolValue: true } },
          { key: "ratio", value: { doubleValue: 0.5 } },
          { key: "list", value: { arrayValue: { values: [{ stringValue: "x" }] } } },
          { key: "url.query", value: { stringValue: "a=REDACTED" } },
        ],
        status: { code: 2, message: "boom" },
      }],
    }],
  }],
};

Deno.test("the OTLP receiver flattens spans and keeps every value of a repeated attribute", async () => {
  const receiver = startOtlpReceiver();
  try {
    const answer = await post(`${receiver.url}/v1/traces`, JSON.stringify(EXPORT));
    assertEquals([answer.status, await answer.json()], [200, {}]);
    const [span] = receiver.spans();
    assertEquals(
      [span.service, span.scope, span.name, span.kind, span.parentSpanId, span.status],
      ["svc", "deno", "fetch", "client", "eee19b7ec3c1b173", { code: 2, message: "boom" }],
    );
    assertEquals(spanAttribute(span, "http.response.status_code"), 200);
    assertEquals(spanAttribute(span, "ok"), true);
    assertEquals(spanAttribute(span, "ratio"), 0.5);
    assertEquals(spanAttribute(span, "list"), ["x"]);
    assertEquals(spanAttributeValues(span, "url.query"), ["a=1", "a=REDACTED"]);
  } finally {
    await receiver.close();
  }
});

Deno.test("the OTLP receiver refuses protobuf with 415, keeps logs and metrics raw, 404s the rest", async () => {
  const receiver = startOtlpReceiver();
  try {
    const protobuf = await post(`${receiver.url}/v1/traces`, "\x0a\x00", "application/x-protobuf");
    await protobuf.body?.cancel();
    assertEquals([protobuf.status, receiver.rejected, receiver.spans().length], [415, 1, 0]);
    await (await post(`${receiver.url}/v1/logs`, '{"resourceLogs":[]}')).body?.cancel();
    await (await post(`${receiver.url}/v1/metrics`, '{"resourceMetrics":[]}')).body?.cancel();
    assertEquals(receiver.logBodies(), ['{"resourceLogs":[]}']);
    assertEquals(receiver.metricBodies(), ['{"resourceMetrics":[]}']);
    const other = await fetch(`${receiver.url}/v1/profiles`, { method: "POST", body: "{}" });
    await other.body?.cancel();
    assertEquals(other.status, 404);
  } finally {
    await receiver.close();
  }
});

Deno.test("waitFor resolves once the spans arrive and rejects naming what came when they do not", async () => {
  const receiver = startOtlpReceiver();
  try {
    const waiting = receiver.waitFor((spans) => spans.some((s) => s.name === "fetch"));
    await (await post(`${receiver.url}/v1/traces`, JSON.stringify(EXPORT))).body?.cancel();
    assertEquals((await waiting).length, 1);
    await assertRejects(
      () => receiver.waitFor((spans) => spans.length > 1, 50),
      Error,
      "got 1: fetch",
    );
  } finally {
    await receiver.close();
  }
});
