import { assertEquals } from "@std/assert";
import { reportDurations } from "./service_load.ts";

Deno.test("reportDurations reads the report route's request lines only", () => {
  const summary = reportDurations([
    { msg: "request", route: "/admin/threedeye/users/:userId", durationMs: 12 },
    { msg: "request", route: "/admin/threedeye/users/:userId", durationMs: 301.5 },
    { msg: "request", route: "/healthz", durationMs: 900 },
    { msg: "audit", route: "/admin/threedeye/users/:userId", durationMs: 999 },
    { msg: "request", route: "/admin/threedeye/users/:userId" },
  ]);
  assertEquals([summary.count, summary.max, summary.p50], [2, 301.5, 12]);
});
