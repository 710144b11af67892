/**
 * The deployable bundle (`wrangler deploy --dry-run`, offline) is self-contained, free of other
 * runtimes' APIs, within the 120 KiB gzip budget, carries zod trimmed exactly as wrangler.jsonc's
 * `alias` intends (English locale only, no fromJSONSchema, no z.compile, nothing else redirected), holds the
 * Turnkey signer inlined behind its dynamic import (evaluated on the first Turnkey lookup, not at
 * the isolate's start), and serves requests on its own with zod's English messages.
 */
import { assert, assertEquals, assertLessOrEqual } from "@std/assert";
import {
  signDemoJwt,
  startTurnkeyStandin,
  turnkeyDemoUser,
  turnkeyStandinApiKey,
} from "@spkey/testkit";
import { basename, join } from "node:path";
import {
  bundledInputs,
  bytesByPackage,
  importsOf,
  readMetafile,
} from "../scripts/bundle_composition.ts";
import { findRuntimeLeaks } from "../scripts/bundle_purity.ts";
import {
  formatBundleSize,
  measureBundle,
  WORKER_GZIP_BUDGET_BYTES,
} from "../scripts/bundle_size.ts";
import { bundleWorker, METAFILE_FILE } from "../scripts/bundle_worker.ts";
import { ENGLISH_VALIDATION_ENVELOPE, REPEATED_QUERY_PATH } from "./zod_messages.ts";

/** wrangler.jsonc's `alias`: the import path zod writes, and the module put in its place. */
const ZOD_ALIASES = [
  { original: "../locales/index.js", replacement: "src/zod_aliases/locales.ts" },
  { original: "./from-json-schema.js", replacement: "src/zod_aliases/from_json_schema.ts" },
  { original: "./compile.js", replacement: "src/zod_aliases/compile.ts" },
];

Deno.test("the Worker bundle", async (t) => {
  const outDir = await Deno.makeTempDir({ prefix: "spkey-worker-bundle-" });
  try {
    const bundle = await bundleWorker(outDir);
    const code = await Deno.readTextFile(bundle);
    const metafile = await readMetafile(join(outDir, METAFILE_FILE));
    const inputs = Object.keys(bundledInputs(metafile));
    const size = await measureBundle(bundle, "index.js");

    await t.step("uses no Deno API, no node:sqlite and no DatabaseSync", () => {
      assertEquals(findRuntimeLeaks(code), []);
    });

    await t.step("imports no module at run time (no node: or npm: leftovers)", () => {
      assertEquals(code.match(/^\s*import\s.*from\s+["'][^"']+["']/gm) ?? [], []);
      assertEquals(code.match(/\bimport\(\s*["']/g) ?? [], []);
    });

    await t.step("fits the 120 KiB gzip budget (hence the Workers limit)", () => {
      const breakdown = JSON.stringify(bytesByPackage(metafile));
      assertLessOrEqual(
        size.gzipBytes,
        WORKER_GZIP_BUDGET_BYTES,
        `${formatBundleSize(size)}; bytes by package: ${breakdown}`,
      );
      assertLessOrEqual(size.gzipBudgetBytes, size.gzipLimitBytes);
    });

    await t.step("is minified (wrangler.jsonc minify)", () => {
      // esbuild finds next to nothing left to remove from an already minified bundle.
      assertLessOrEqual(size.rawBytes - size.minifiedBytes, size.rawBytes * 0.01);
    });

    await t.step("keeps zod's English locale and none of the others, nor its compiler", () => {
      const locales = inputs.filter((input) => input.includes("node_modules/zod/v4/locales/"));
      assertEquals(locales.map((input) => basename(input)), ["en.js"]);
      assertEquals(inputs.filter((input) => input.includes("from-json-schema")), []);
      assertEquals(
        inputs.filter((input) => input.endsWith("node_modules/zod/v4/core/compile.js")),
        [],
      );
    });

    await t.step("redirects only zod's own imports through the aliases", () => {
      for (const { original, replacement } of ZOD_ALIASES) {
        const imports = importsOf(metafile, replacement);
        assert(imports.length > 0, `${replacement} is not in the bundle: the alias is inactive`);
        for (const { importer, original: written } of imports) {
          assert(importer.includes("node_modules/zod/"), `${importer} imports ${replacement}`);
          assertEquals(written, original);
        }
      }
    });

    await t.step("reaches the Turnkey signer and noble only through the signer's import()", () => {
      const stamp = "../../packages/contracts/src/stamp/mod.ts";
      const importers = importsOf(metafile, stamp);
      assertEquals(importers.map(({ importer, kind }) => [importer, kind]), [
        ["../../packages/api/src/turnkey_stamper.ts", "dynamic-import"],
      ]);
      const noble = inputs.filter((input) => input.includes("node_modules/@noble/curves/"));
      assert(noble.length > 0, "the signer's curve is not in the bundle");
      for (const input of noble) {
        for (const { importer } of importsOf(metafile, input)) {
          assert(
            /node_modules\/@noble\/|packages\/contracts\/src\/stamp\//.test(importer),
            `${importer} imports ${input} outside the signer`,
          );
        }
      }
    });

    const worker = (await import(bundle)).default;
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
    // The app logs one JSON line per request; kept here instead of cluttering the test output.
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => logged.push(line);
    try {
      await t.step(
        "serves /healthz and a config-error envelope from the bundle alone",
        async () => {
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
        },
      );

      await t.step("answers zod's own validation failures in English", async () => {
        const turnkeyEnv = {
          ...env,
          ADMIN_EMAIL_DOMAINS: "smartphonekey.com",
          TURNKEY_API_BASE: "http://127.0.0.1:9",
          TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
          TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
          TURNKEY_ORGANIZATION_ID: "bundle-test-organization",
        };
        const headers = {
          "X-Admin-API-Key": env.ADMIN_API_KEYS,
          Authorization: `Bearer ${await signDemoJwt(env.JWT_SECRET)}`,
        };
        const response = await worker.fetch(
          new Request(`http://worker.test${REPEATED_QUERY_PATH}`, { headers }),
          turnkeyEnv,
          ctx,
        );
        const { requestId, ...body } = await response.json();
        assertEquals([response.status, body], [400, ENGLISH_VALIDATION_ENVELOPE]);
        assertEquals(requestId, response.headers.get("x-request-id"));
      });

      await t.step(
        "signs a Turnkey lookup with the inlined signer, loaded on first use",
        async () => {
          const turnkey = await startTurnkeyStandin();
          try {
            const turnkeyEnv = {
              ...env,
              TURNKEY_API_BASE: turnkey.url,
              TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
              TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
              TURNKEY_ORGANIZATION_ID: turnkey.organizationId,
            };
            const response = await worker.fetch(
              new Request(`http://worker.test/admin/turnkey/users/${turnkeyDemoUser.userId}`, {
                headers: {
                  "X-Admin-API-Key": env.ADMIN_API_KEYS,
                  Authorization: `Bearer ${await signDemoJwt(env.JWT_SECRET)}`,
                },
              }),
              turnkeyEnv,
              ctx,
            );
            const body = await response.json();
            assertEquals([response.status, body.user?.userId], [200, turnkeyDemoUser.userId]);
          } finally {
            await turnkey.close();
          }
        },
      );
    } finally {
      console.log = log;
    }
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
