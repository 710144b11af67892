import { assertEquals } from "@std/assert";
import { hc } from "hono/client";
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import type { AppType } from "./app.ts";
import { adminHeaders, buildTestApp } from "../test/support/test_app.ts";

type IsAny<T> = 0 extends 1 & T ? true : false;

Deno.test("AppType gives a typed Hono RPC client for the admin routes", async () => {
  const { app } = buildTestApp();
  const client = hc<AppType>("http://api.test", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init)),
  });
  const res = await client.admin.threedeye.users[":userId"].$get(
    { param: { userId: "77777777-7777-4777-8777-777777777777" } },
    { headers: await adminHeaders() },
  );
  if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
  const report = await res.json();
  // Fails type-checking if the RPC type is lost (an `any` body) or is not the report's type.
  const typed: IsAny<typeof report> extends false ? ThreedeyeDiagnostics : never = report;
  assertEquals(typed.userId, "77777777-7777-4777-8777-777777777777");
  assertEquals(report.recovery.roleIds, ["role-owner", "role-viewer"]);
  const health = await client.healthz.$get();
  assertEquals(await health.json(), { status: "ok" });
});
