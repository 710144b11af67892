/**
 * Traces an operator can follow: the real Deno service, started with Deno's built-in
 * OpenTelemetry (`OTEL_DENO=true`) exporting OTLP/HTTP JSON to a loopback receiver, serves a
 * diagnostics lookup (3dEye and the database), a Turnkey lookup and a search by email; the test
 * then reads what Deno exported and follows each request from its server span down to the
 * database read and every upstream call, and searches every span, log and metric for the run's
 * secrets and the demo emails.
 */
import { assert, assertEquals, assertGreater } from "@std/assert";
import {
  DEMO_ADMIN,
  DEMO_USERS,
  demoDatabase,
  demoThreedeyeUsers,
  type OtlpValue,
  type ReceivedSpan,
  spanAttribute,
  spanAttributeValues,
  startOtlpReceiver,
  turnkeyDemoUser,
} from "@spkey/testkit";
import { startDemoStack } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

const LOOKUP_ROUTE = "/admin/threedeye/users/:userId";
const SEARCH_ROUTE = "/admin/threedeye/users";
const TURNKEY_ROUTE = "/admin/turnkey/users/:userId";

/** One answer of the service, with the request id it echoed. */
interface Answer {
  status: number;
  requestId: string;
}

async function call(url: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { headers });
  await response.body?.cancel();
  return { status: response.status, requestId: response.headers.get("x-request-id") ?? "" };
}

/** An attribute value as text (arrays and maps flattened), also percent-decoded (URLs). */
function valuesAsText(value: OtlpValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(valuesAsText);
  if (typeof value === "object") return Object.values(value).flatMap(valuesAsText);
  const text = String(value);
  try {
    return [text, decodeURIComponent(text.replaceAll("+", " "))];
  } catch {
    return [text];
  }
}

Deno.test("a lookup is traceable end to end: request span, database read, every upstream call, nothing secret", async () => {
  const receiver = startOtlpReceiver();
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: {
      OTEL_DENO: "true",
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_SERVICE_NAME: "spkey-edge-test",
      // Export within 100 ms of a span ending, so the test waits on spans, not on a timer.
      OTEL_BSP_SCHEDULE_DELAY: "100",
    },
  }).catch(async (error) => {
    await receiver.close();
    throw error;
  });
  const { threedeye, turnkey } = stack.standins;
  let closed = false;
  try {
    const headers = await stack.adminHeaders();
    threedeye.resetCounts();
    const lookup = await call(
      `${stack.baseUrl}/admin/threedeye/users/${DEMO_USERS.healthy}`,
      headers,
    );
    const threedeyeCounts = { ...threedeye.counts };
    const turnkeyLookup = await call(
      `${stack.baseUrl}/admin/turnkey/users/${turnkeyDemoUser.userId}?organizationId=${turnkey.organizationId}`,
      headers,
    );
    const searchedEmail = "alice@example.com";
    const search = await call(
      `${stack.baseUrl}/admin/threedeye/users?email=${encodeURIComponent(searchedEmail)}`,
      headers,
    );
    assertEquals([lookup.status, turnkeyLookup.status, search.status], [200, 200, 200]);
    const stamp = turnkey.lastRequest?.stamp ?? null;
    assert(stamp !== null, "the Turnkey stand-in saw no stamp");

    // Stopping the service flushes what Deno has not exported yet; the wait covers the rest.
    await stack.close();
    closed = true;
    const answers = [lookup, turnkeyLookup, search];
    const spans = await receiver.waitFor((all) =>
      answers.every(({ requestId }) =>
        all.some((s) => spanAttribute(s, "spkey.request_id") === requestId)
      )
    );
    assertEquals(receiver.rejected, 0);

    const requestSpan = ({ requestId }: Answer) => {
      const found = spans.filter((s) => spanAttribute(s, "spkey.request_id") === requestId);
      assertEquals(found.length, 1, `one request span for ${requestId}`);
      return found[0];
    };
    const childrenOf = (parent: ReceivedSpan) =>
      spans.filter((s) => s.parentSpanId === parent.spanId && s.traceId === parent.traceId);
    const named = (parent: ReceivedSpan, name: string) =>
      childrenOf(parent).filter((s) => s.name === name);

    // The request span is Deno's own server span, named after the route, with our attributes.
    for (
      const [answer, route] of [
        [lookup, LOOKUP_ROUTE],
        [turnkeyLookup, TURNKEY_ROUTE],
        [search, SEARCH_ROUTE],
      ] as const
    ) {
      const span = requestSpan(answer);
      assertEquals([span.kind, span.scope, span.name], ["server", "deno", `GET ${route}`]);
      assertEquals(span.service, "spkey-edge-test");
      assertEquals(spanAttributeValues(span, "http.route"), [route]);
      assertEquals(spanAttributeValues(span, "http.response.status_code"), [String(answer.status)]);
    }

    // The lookup: one database read (one batch of three statements) and the 3dEye probe, each a
    // child of the request span, in its trace.
    const lookupSpan = requestSpan(lookup);
    const [read] = named(lookupSpan, "database readUserSnapshot");
    assert(read !== undefined, "no database span under the lookup");
    assertEquals(spanAttribute(read, "db.system.name"), "sqlite");
    assertEquals(spanAttribute(read, "db.operation.batch.size"), 3);
    assertEquals(spanAttribute(read, "db.response.returned_rows"), 2);
    const tokenCalls = named(lookupSpan, "3dEye POST /auth/token");
    const pageCalls = named(lookupSpan, "3dEye GET /users");
    assertEquals(threedeyeCounts.token, 1);
    assertGreater(threedeyeCounts.pages, 0);
    assertEquals([tokenCalls.length, pageCalls.length], [
      threedeyeCounts.token,
      threedeyeCounts.pages,
    ]);
    const threedeyeHost = new URL(threedeye.url);
    for (const upstream of [...tokenCalls, ...pageCalls]) {
      assertEquals(upstream.kind, "internal");
      assertEquals(spanAttribute(upstream, "server.address"), threedeyeHost.hostname);
      assertEquals(spanAttribute(upstream, "server.port"), Number(threedeyeHost.port));
      assertEquals(spanAttribute(upstream, "http.response.status_code"), 200);
      assertGreater(spanAttribute(upstream, "http.response.body.size") as number, 0);
      assertEquals(spanAttribute(upstream, "error.type"), undefined);
      // Deno's own client span of the same call nests under ours: one per call, not a sibling.
      assertEquals(childrenOf(upstream).map((s) => s.kind), ["client"]);
    }
    const [token] = tokenCalls;
    assertEquals(spanAttribute(token, "http.request.method"), "POST");
    assertEquals(
      spanAttribute(token, "http.request.body.size"),
      JSON.stringify({
        username: stack.env.THREEDEYE_USERNAME,
        password: stack.env.THREEDEYE_PASSWORD,
      })
        .length,
    );
    assertEquals(spanAttribute(pageCalls[0], "http.request.method"), "GET");

    // The Turnkey lookup: one get_user call, its sizes exactly what went over the wire.
    const turnkeyCalls = named(requestSpan(turnkeyLookup), "Turnkey get_user");
    assertEquals(turnkeyCalls.length, 1);
    const [getUser] = turnkeyCalls;
    assertEquals(spanAttribute(getUser, "http.request.method"), "POST");
    assertEquals(spanAttribute(getUser, "http.response.status_code"), 200);
    assertEquals(
      spanAttribute(getUser, "http.request.body.size"),
      new TextEncoder().encode(turnkey.lastRequest?.body).byteLength,
    );
    assertGreater(spanAttribute(getUser, "http.response.body.size") as number, 100);

    // The search: one database statement, no upstream call.
    const searchSpan = requestSpan(search);
    assertEquals(childrenOf(searchSpan).map((s) => s.name), ["database findUsersByEmail"]);
    const [find] = childrenOf(searchSpan);
    assertEquals(spanAttribute(find, "db.operation.batch.size"), 1);
    assertEquals(spanAttribute(find, "db.response.returned_rows"), 2);

    // Nothing secret anywhere: no key, JWT, password, token or stamp in any span, log or metric.
    const secrets = [
      ...stack.env.ADMIN_API_KEYS.split(","),
      stack.env.JWT_SECRET,
      headers.authorization.slice("Bearer ".length),
      stack.env.THREEDEYE_API_KEY,
      stack.env.THREEDEYE_PASSWORD,
      stack.env.TURNKEY_API_PRIVATE_KEY,
      ...threedeye.issuedTokens(),
      stamp,
    ];
    const emails = [
      ...demoDatabase.b2c_users.flatMap((u) => (u.email === null ? [] : [u.email])),
      ...demoThreedeyeUsers.flatMap((u) => (u.email === null ? [] : [u.email])),
      turnkeyDemoUser.userEmail,
      DEMO_ADMIN.email,
    ];
    const leaks = new Set<string>();
    for (const span of spans) {
      for (const [key, value] of span.attributes) {
        for (const text of valuesAsText(value)) {
          for (const secret of secrets) {
            if (text.includes(secret)) leaks.add(`${span.name} ${key}: a secret`);
          }
          for (const email of emails) {
            if (text.toLowerCase().includes(email.toLowerCase())) {
              leaks.add(`${span.name} ${key}: ${email.toLowerCase()}`);
            }
          }
        }
      }
      for (const secret of [...secrets, ...emails]) {
        if (span.name.includes(secret) || span.status.message.includes(secret)) {
          leaks.add(`${span.name}: name or status`);
        }
      }
    }
    // The one place an email appears, and why: Deno records the raw URL of every request it
    // serves (url.full, url.query) before the app runs, and appends rather than replaces a
    // value set later; the search by email carries the address in its query. Documented in the
    // README ("Observability"); every attribute the app sets is clean.
    const searchQuery = `email=${encodeURIComponent(searchedEmail)}`;
    const expectedLimit = [
      `GET ${SEARCH_ROUTE} url.full: ${searchedEmail}`,
      `GET ${SEARCH_ROUTE} url.query: ${searchedEmail}`,
    ];
    assertEquals(spanAttributeValues(searchSpan, "url.query"), [searchQuery]);
    assertEquals([...leaks].filter((leak) => !expectedLimit.includes(leak)), []);
    // The check sees it (the address arrives percent-encoded): were it blind, it would pass anyway.
    assertEquals(expectedLimit.filter((leak) => leaks.has(leak)), expectedLimit);
    for (const body of [...receiver.logBodies(), ...receiver.metricBodies()]) {
      for (const secret of [...secrets, ...emails]) {
        assert(!body.toLowerCase().includes(secret.toLowerCase()), "a secret in exported logs");
      }
    }
    if (Deno.env.get("SPKEY_TRACES_DUMP")) {
      await Deno.writeTextFile(Deno.env.get("SPKEY_TRACES_DUMP")!, JSON.stringify(spans, null, 1));
    }
  } finally {
    if (!closed) await stack.close();
    await receiver.close();
  }
});
