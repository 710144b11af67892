/**
 * The deployable bundle (`wrangler deploy --dry-run`, offline) is self-contained, free of other
 * runtimes' APIs, within the Workers size limit, and serves requests on its own.
 */
import { assert, assertEquals, assertLess } from "@std/assert";
import { join } from "node:path";
import { findRuntimeLeaks } from "../tools/bundle_purity.ts";
import { measureBundle, WORKER_GZIP_LIMIT_BYTES } from "../tools/bundle_size.ts";
import { bundleWorker } from "../tools/bundle_worker.ts";

Deno.test("the Worker bundle", async (t) => {
  const outDir = await Deno.makeTempDir({ prefix: "spkey-worker-bundle-" });
  try {
    const bundle = await bundleWorker(outDir);
    const code = await Deno.readTextFile(bundle);

    await t.step("uses no Deno API, no node:sqlite and no DatabaseSync", () => {
      assertEquals(findRuntimeLeaks(code), []);
    });

    await t.step("imports no module at run time (no node: or npm: leftovers)", () => {
      assertEquals(code.match(/^\s*import\s.*from\s+["'][^"']+["']/gm) ?? [], []);
      assertEquals(code.match(/\bimport\(\s*["']/g) ?? [], []);
    });

    await t.step("fits the Workers gzip size limit", async () => {
      const size = await measureBundle(bundle, "index.js");
      assertLess(size.gzipBytes, WORKER_GZIP_LIMIT_BYTES);
    });

    await t.step("serves /healthz and a config-error envelope from the bundle alone", async () => {
      const worker = (await import(join(outDir, "index.js"))).default;
      const db = {
        prepare: () => ({ bind: () => ({}) }),
        batch: () => Promise.resolve([{ results: [{ ok: 1 }] }]),
      };
      const env = {
        DB: db,
        ADMIN_API_KEYS: "bundle-test-admin-key-0123456789",
        JWT_SECRET: "bundle-test-jwt-secret-0123456789abcdef",
      };
      const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
      const logged: string[] = [];
      const log = console.log;
      console.log = (line: string) => logged.push(line);
      try {
        const healthy = await worker.fetch(new Request("http://worker.test/healthz"), env, ctx);
        assertEquals([healthy.status, await healthy.json()], [200, { status: "ok" }]);
        const ready = await worker.fetch(new Request("http://worker.test/readyz"), env, ctx);
        assertEquals([ready.status, await ready.json()], [200, { status: "ok" }]);

        const misconfigured = await worker.fetch(
          new Request("http://worker.test/healthz"),
          { DB: db },
          ctx,
        );
        const body = await misconfigured.json();
        assertEquals(misconfigured.status, 500);
        assertEquals(body.message, "The service is not configured correctly.");
        assert(body.requestId === misconfigured.headers.get("x-request-id"));
        const reason = logged.map((line) => JSON.parse(line)).find((line) =>
          line.msg === "worker start-up failed"
        )?.reason;
        assertEquals(
          reason,
          "ADMIN_API_KEYS is required: a comma-separated list of admin API keys.",
        );
      } finally {
        console.log = log;
      }
    });
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
