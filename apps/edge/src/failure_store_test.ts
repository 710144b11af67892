import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { failureKvPath, openFailureStore } from "./failure_store.ts";

const D1 = { apiBase: "https://d1.invalid", accountId: "a", databaseId: "d", apiToken: "t" };

Deno.test("failureKvPath: DENO_KV_PATH, else beside the SQLite file, else the platform's KV", () => {
  const cases: Array<[string, Parameters<typeof failureKvPath>[0], string | undefined]> = [
    ["DENO_KV_PATH wins", { denoKvPath: "/kv/x.kv", d1Http: D1, databasePath: null }, "/kv/x.kv"],
    [
      "beside DATABASE_PATH",
      { denoKvPath: null, d1Http: null, databasePath: "/srv/db.sqlite" },
      "/srv/auth_failures.kv",
    ],
    [
      "beside the default database",
      { denoKvPath: null, d1Http: null, databasePath: null },
      "./.data/auth_failures.kv",
    ],
    [
      "a bare file name",
      { denoKvPath: null, d1Http: null, databasePath: "db.sqlite" },
      "auth_failures.kv",
    ],
    [
      "a file at the root",
      { denoKvPath: null, d1Http: null, databasePath: "/db.sqlite" },
      "/auth_failures.kv",
    ],
    [
      "the platform's with D1",
      { denoKvPath: null, d1Http: D1, databasePath: "/srv/db.sqlite" },
      undefined,
    ],
  ];
  for (const [name, config, expected] of cases) assertEquals(failureKvPath(config), expected, name);
});

Deno.test("openFailureStore opens Deno KV at the path, creating its folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-failure-store-" });
  try {
    const store = await openFailureStore({
      denoKvPath: join(dir, "nested", "failures.kv"),
      d1Http: null,
      databasePath: null,
      authFailureLimit: { max: 10, windowMs: 60_000 },
    });
    try {
      assertEquals(store.tally?.kind, "deno-kv");
      assertEquals((await store.tally!.add("203.0.113.9")).failures, 1);
    } finally {
      store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openFailureStore falls back to memory with one warning naming the error class only", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-failure-store-" });
  const lines: Record<string, unknown>[] = [];
  try {
    await Deno.writeTextFile(join(dir, "file"), "");
    const store = await openFailureStore({
      denoKvPath: join(dir, "file", "failures.kv"),
      d1Http: null,
      databasePath: null,
      authFailureLimit: { max: 10, windowMs: 60_000 },
    }, { warn: (line) => lines.push(line) });
    store.close();
    assertEquals(store.tally, null);
    assertEquals(lines.length, 1);
    assertEquals(Object.keys(lines[0]), ["level", "msg", "error"]);
    assertEquals([lines[0].level, lines[0].msg], ["warn", "deno kv unavailable"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
