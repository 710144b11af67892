import { assertEquals } from "@std/assert";
import { apiKeyExpiry, EXPIRING_SOON_MS } from "./api_key_expiry.ts";

const created = { seconds: "1767225600", nanos: "0" }; // 2026-01-01T00:00:00Z
const createdMs = 1767225600000;

Deno.test("an API key without expirationSeconds never expires", () => {
  assertEquals(apiKeyExpiry(created, undefined, createdMs), { state: "none" });
  assertEquals(apiKeyExpiry(created, null, createdMs), { state: "none" });
  assertEquals(apiKeyExpiry(created, "", createdMs), { state: "none" });
});

Deno.test("an API key expires createdAt + expirationSeconds", () => {
  const expiresAt = createdMs + 90 * 86400 * 1000;
  assertEquals(apiKeyExpiry(created, String(90 * 86400), createdMs), {
    state: "active",
    expiresAt,
  });
  assertEquals(new Date(expiresAt).toISOString(), "2026-04-01T00:00:00.000Z");
});

Deno.test("an API key is expiring within the soon window and expired at or after its expiry", () => {
  const expiresAt = createdMs + 30 * 86400 * 1000;
  const seconds = String(30 * 86400);
  assertEquals(apiKeyExpiry(created, seconds, expiresAt - EXPIRING_SOON_MS - 1).state, "active");
  assertEquals(apiKeyExpiry(created, seconds, expiresAt - EXPIRING_SOON_MS).state, "expiring");
  assertEquals(apiKeyExpiry(created, seconds, expiresAt - 1).state, "expiring");
  assertEquals(apiKeyExpiry(created, seconds, expiresAt), { state: "expired", expiresAt });
});

Deno.test("nanos of createdAt count towards the expiry", () => {
  const expiry = apiKeyExpiry({ seconds: "1767225600", nanos: "250000000" }, "1", 0);
  assertEquals(expiry, { state: "active", expiresAt: createdMs + 1250 });
});

Deno.test("an expiry that cannot be read is unknown, not 'no expiry'", () => {
  assertEquals(apiKeyExpiry(undefined, "60", createdMs), { state: "unknown" });
  assertEquals(apiKeyExpiry(created, "sixty", createdMs), { state: "unknown" });
  assertEquals(apiKeyExpiry(created, "-60", createdMs), { state: "unknown" });
});
