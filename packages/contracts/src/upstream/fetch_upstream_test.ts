import { assert, assertEquals, assertGreaterOrEqual, assertLess, assertRejects } from "@std/assert";
import { fetchUpstream, type UpstreamOptions } from "./fetch_upstream.ts";
import { UpstreamError } from "./upstream_error.ts";
import { recordingTracer } from "@spkey/testkit";

/** A real HTTP server on loopback that counts what it receives. */
function serve(handler: (request: Request) => Response | Promise<Response>) {
  const received: { method: string; body: string; headers: Headers }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    received.push({ method: r.method, body: await r.text(), headers: r.headers });
    return handler(r);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, received, close: () => server.shutdown() };
}

const BOUNDS: UpstreamOptions = { timeoutMs: 2000, maxBytes: 64 * 1024 };

Deno.test("fetchUpstream answers status, headers and the body as text", async () => {
  const server = serve(() =>
    Response.json({ ok: "yes" }, { status: 201, headers: { "x-n": "1" } })
  );
  try {
    const answer = await fetchUpstream(`${server.url}/x`, { method: "POST", body: "{}" }, BOUNDS);
    assertEquals([answer.status, answer.headers.get("x-n"), answer.text], [
      201,
      "1",
      '{"ok":"yes"}',
    ]);
    assertEquals(server.received.map((r) => [r.method, r.body]), [["POST", "{}"]]);
  } finally {
    await server.close();
  }
});

Deno.test("fetchUpstream never follows a redirect: the other origin receives nothing", async () => {
  const elsewhere = serve(() => Response.json({ stolen: true }));
  const redirecting = serve(() =>
    new Response("moved", { status: 307, headers: { location: `${elsewhere.url}/collect` } })
  );
  try {
    const error = await assertRejects(
      () =>
        fetchUpstream(redirecting.url, {
          method: "POST",
          headers: { "x-api-key": "secret-key" },
          body: '{"password":"secret"}',
        }, BOUNDS),
      UpstreamError,
    );
    assertEquals([error.kind, error.status], ["redirect", 307]);
    assert(!error.message.includes(elsewhere.url), "the message names no URL");
    assertEquals(redirecting.received.length, 1);
    assertEquals(elsewhere.received.length, 0);
  } finally {
    await redirecting.close();
    await elsewhere.close();
  }
});

Deno.test("fetchUpstream treats every 3xx and an opaque redirect as a redirect", async () => {
  for (const status of [300, 301, 302, 303, 304, 307, 308]) {
    const error = await assertRejects(
      () =>
        fetchUpstream("https://api.invalid/", {}, {
          ...BOUNDS,
          fetch: () => Promise.resolve(new Response(null, { status })),
        }),
      UpstreamError,
    );
    assertEquals([error.kind, error.status], ["redirect", status]);
  }
  const opaque = { type: "opaqueredirect", status: 0, body: null } as unknown as Response;
  const error = await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        ...BOUNDS,
        fetch: () => Promise.resolve(opaque),
      }),
    UpstreamError,
  );
  assertEquals(error.kind, "redirect");
});

Deno.test("fetchUpstream sends redirect: manual whatever the caller asked", async () => {
  let seen: RequestRedirect | undefined;
  await fetchUpstream("https://api.invalid/", { redirect: "follow" }, {
    ...BOUNDS,
    fetch: (_input, init) => {
      seen = init?.redirect;
      return Promise.resolve(new Response("ok"));
    },
  });
  assertEquals(seen, "manual");
});

Deno.test("an endless body is cut at the byte cap and the upstream is told to stop", async () => {
  let sentBytes = 0;
  let cancelled!: () => void;
  const stopped = new Promise<void>((resolve) => (cancelled = resolve));
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  const server = serve(() =>
    new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          sentBytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel: () => cancelled(),
      }),
    )
  );
  try {
    const maxBytes = 256 * 1024;
    const error = await assertRejects(
      () => fetchUpstream(server.url, {}, { timeoutMs: 10_000, maxBytes }),
      UpstreamError,
    );
    assertEquals([error.kind, error.limit, error.status], ["too_large", maxBytes, 200]);
    await stopped;
    // Socket buffers hold some chunks in flight; the stream stops well short of the timeout.
    assertLess(sentBytes, 64 * maxBytes);
  } finally {
    await server.close();
  }
});

Deno.test("a Content-Length over the cap is refused before the body is read", async () => {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(10));
    },
  });
  const response = new Response(body, { headers: { "content-length": "2000000" } });
  const error = await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        ...BOUNDS,
        fetch: () => Promise.resolve(response),
      }),
    UpstreamError,
  );
  assertEquals([error.kind, error.limit], ["too_large", BOUNDS.maxBytes]);
  assertLess(pulled, 2, "at most the stream's own start-up pull");
});

Deno.test("a body exactly at the cap is accepted, one byte more is not", async () => {
  const fetchOf = (size: number) => () => Promise.resolve(new Response("a".repeat(size)));
  const ok = await fetchUpstream("https://api.invalid/", {}, {
    timeoutMs: 1000,
    maxBytes: 100,
    fetch: fetchOf(100),
  });
  assertEquals(ok.text.length, 100);
  await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        timeoutMs: 1000,
        maxBytes: 100,
        fetch: fetchOf(101),
      }),
    UpstreamError,
    "larger than 100 bytes",
  );
});

Deno.test("UTF-8 split across chunks is decoded once, at the end", async () => {
  const bytes = new TextEncoder().encode('{"name":"Zoë 🔑"}');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
      controller.close();
    },
  });
  const answer = await fetchUpstream("https://api.invalid/", {}, {
    ...BOUNDS,
    fetch: () => Promise.resolve(new Response(body)),
  });
  assertEquals(JSON.parse(answer.text), { name: "Zoë 🔑" });
});

Deno.test("the per-call timeout covers a slow answer and a slow body", async (t) => {
  const server = serve(async (request) => {
    if (new URL(request.url).pathname === "/slow-answer") {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return new Response("late");
    }
    return new Response(
      new ReadableStream({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          controller.enqueue(new Uint8Array([0x61]));
        },
      }),
    );
  });
  try {
    for (const path of ["/slow-answer", "/slow-body"]) {
      await t.step(path, async () => {
        const started = performance.now();
        const error = await assertRejects(
          () => fetchUpstream(server.url + path, {}, { timeoutMs: 150, maxBytes: 1024 }),
          UpstreamError,
          "timed out after 150 ms",
        );
        assertEquals([error.kind, error.limit], ["timeout", 150]);
        const elapsed = performance.now() - started;
        assertGreaterOrEqual(elapsed, 140);
        assertLess(elapsed, 1200);
      });
    }
  } finally {
    await server.close();
  }
});

Deno.test("the bounds hold for a fetch or a body that ignores the abort signal", async () => {
  const never = () => new Promise<Response>(() => {});
  const first = await assertRejects(
    () => fetchUpstream("https://api.invalid/", {}, { timeoutMs: 50, maxBytes: 10, fetch: never }),
    UpstreamError,
  );
  assertEquals(first.kind, "timeout");
  const stuck = new Response(new ReadableStream({ pull: () => new Promise(() => {}) }));
  const second = await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        timeoutMs: 50,
        maxBytes: 10,
        fetch: () => Promise.resolve(stuck),
      }),
    UpstreamError,
  );
  assertEquals(second.kind, "timeout");
});

Deno.test("the deadline ends a call sooner than its timeout, and a passed one sends nothing", async () => {
  let calls = 0;
  const slow = (_input: string | URL | Request, init?: RequestInit) => {
    calls += 1;
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
    });
  };
  const started = performance.now();
  const error = await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        timeoutMs: 5000,
        maxBytes: 10,
        deadline: Date.now() + 100,
        fetch: slow,
      }),
    UpstreamError,
  );
  assertEquals(error.kind, "deadline");
  assertLess(performance.now() - started, 2000);
  assertEquals(calls, 1);

  const passed = await assertRejects(
    () =>
      fetchUpstream("https://api.invalid/", {}, {
        timeoutMs: 5000,
        maxBytes: 10,
        deadline: Date.now() - 1,
        fetch: slow,
      }),
    UpstreamError,
  );
  assertEquals(passed.kind, "deadline");
  assertEquals(calls, 1, "nothing is sent once the deadline has passed");
});

Deno.test("the caller's signal cancels a call; an unreachable host is named as such", async () => {
  const caller = new AbortController();
  const pending = fetchUpstream("https://api.invalid/", {}, {
    ...BOUNDS,
    signal: caller.signal,
    fetch: () => new Promise<Response>(() => {}),
  });
  caller.abort(new Error("client left"));
  const cancelled = await assertRejects(() => pending, UpstreamError);
  assertEquals(cancelled.kind, "cancelled");
  assertEquals((cancelled.cause as Error).message, "client left");

  const server = serve(() => new Response("ok"));
  const url = server.url;
  await server.close();
  const unreachable = await assertRejects(() => fetchUpstream(url, {}, BOUNDS), UpstreamError);
  assertEquals([unreachable.kind, unreachable.message], [
    "unreachable",
    "The upstream could not be reached",
  ]);
});

Deno.test("fetchUpstream rejects bounds that are not positive, sending nothing", async () => {
  let calls = 0;
  const counting = () => {
    calls += 1;
    return Promise.resolve(new Response("ok"));
  };
  const bad: [Partial<UpstreamOptions>, string][] = [
    [{ timeoutMs: 0 }, "positive timeoutMs, got 0"],
    [{ timeoutMs: Number.NaN }, "positive timeoutMs, got NaN"],
    [{ maxBytes: 0 }, "positive integer maxBytes, got 0"],
    [{ maxBytes: 1.5 }, "positive integer maxBytes, got 1.5"],
  ];
  for (const [options, message] of bad) {
    await assertRejects(
      () => fetchUpstream("https://api.invalid/", {}, { ...BOUNDS, ...options, fetch: counting }),
      RangeError,
      message,
    );
  }
  assertEquals(calls, 0);
});

Deno.test("with trace, a call is one span: method, host, port, body sizes and status, no path or query", async () => {
  const tracer = recordingTracer();
  const body = JSON.stringify({ username: "u", password: "pässword" });
  const answer = await fetchUpstream("https://api.example.test:8443/v3/users/td-1?email=a%40b.c", {
    method: "post",
    body,
  }, {
    timeoutMs: 1000,
    maxBytes: 1024,
    fetch: () => Promise.resolve(new Response("é".repeat(10), { status: 201 })),
    trace: { tracer, name: "3dEye POST /users" },
  });
  assertEquals(answer.status, 201);
  assertEquals(tracer.spans.map((s) => [s.name, s.ended, s.failed]), [
    ["3dEye POST /users", true, undefined],
  ]);
  assertEquals(tracer.spans[0].attributes, {
    "http.request.method": "POST",
    "server.address": "api.example.test",
    "server.port": 8443,
    "http.request.body.size": new TextEncoder().encode(body).byteLength,
    "http.response.status_code": 201,
    "http.response.body.size": 20,
  });
});

Deno.test("with trace, a failed call's span says its kind, the status and the bytes read", async (t) => {
  const cases = [
    {
      kind: "too_large",
      fetch: () => Promise.resolve(new Response("x".repeat(300), { status: 200 })),
      attributes: { "http.response.status_code": 200, "http.response.body.size": 300 },
    },
    {
      kind: "redirect",
      fetch: () => Promise.resolve(new Response(null, { status: 307 })),
      attributes: { "http.response.status_code": 307, "http.response.body.size": 0 },
    },
    {
      kind: "unreachable",
      fetch: () => Promise.reject(new TypeError("connection refused")),
      attributes: { "http.response.body.size": 0 },
    },
  ];
  for (const { kind, fetch, attributes } of cases) {
    await t.step(kind, async () => {
      const tracer = recordingTracer();
      const error = await assertRejects(
        () =>
          fetchUpstream("http://127.0.0.1:8080/query", {}, {
            timeoutMs: 1000,
            maxBytes: 100,
            fetch,
            trace: { tracer, name: "D1 query" },
          }),
        UpstreamError,
      );
      assertEquals(error.kind, kind);
      const [span] = tracer.spans;
      assertEquals([span.failed, span.ended], [kind, true]);
      assertEquals(span.attributes, {
        "http.request.method": "GET",
        "server.address": "127.0.0.1",
        "server.port": 8080,
        "http.request.body.size": 0,
        ...attributes,
      });
    });
  }
});

Deno.test("without trace nothing is recorded and the answer is the same", async () => {
  const tracer = recordingTracer();
  const answer = await tracer.inSpan("caller", {}, () =>
    fetchUpstream("https://api.invalid/", {}, {
      timeoutMs: 1000,
      maxBytes: 1024,
      fetch: () => Promise.resolve(new Response("ok")),
    }));
  assertEquals([answer.text, tracer.spans.map((s) => s.name)], ["ok", ["caller"]]);
});
