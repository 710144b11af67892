import { assertEquals } from "@std/assert";
import { ConfigError, StoreUnavailableError } from "@spkey/api";
import { startupErrorLine } from "./startup_error.ts";

Deno.test("start-up failures become one line without stack or secrets", () => {
  const cases: Array<[unknown, string]> = [
    [
      new ConfigError("JWT_SECRET must be at least 32 characters."),
      "error: JWT_SECRET must be at least 32 characters.",
    ],
    [
      new StoreUnavailableError("Opening the SQLite database failed"),
      "error: Opening the SQLite database failed",
    ],
    [
      new Deno.errors.AddrInUse("Address in use (os error 98)"),
      "error: The port is already in use (set PORT to a free one).",
    ],
    [
      new Error("Applying migration 0002_x.sql failed\n    at stack"),
      "error: Starting the service failed: Applying migration 0002_x.sql failed",
    ],
    ["plain string", "error: Starting the service failed: plain string"],
  ];
  for (const [error, expected] of cases) {
    const line = startupErrorLine(error);
    assertEquals(line, expected);
    assertEquals(line.includes("\n"), false);
  }
  assertEquals(startupErrorLine(new Error("x".repeat(1000))).length < 360, true);
});
