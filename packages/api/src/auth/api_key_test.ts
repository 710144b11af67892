import { assertEquals, assertThrows } from "@std/assert";
import { createApiKeyVerifier } from "./api_key.ts";

const OLD = "old-admin-key-0123456789";
const NEW = "new-admin-key-9876543210";

Deno.test("createApiKeyVerifier accepts every configured key (rotation)", async () => {
  const verify = createApiKeyVerifier([OLD, NEW]);
  assertEquals(await verify(OLD), true);
  assertEquals(await verify(NEW), true);
});

const WRONG: Array<[string, string]> = [
  ["empty", ""],
  ["a prefix", OLD.slice(0, -1)],
  ["an extension", `${OLD}x`],
  ["a different case", OLD.toUpperCase()],
  ["both keys joined", `${OLD},${NEW}`],
  ["padded", ` ${OLD}`],
  ["very long", "k".repeat(10_000)],
];

for (const [name, presented] of WRONG) {
  Deno.test(`createApiKeyVerifier rejects ${name} key`, async () => {
    assertEquals(await createApiKeyVerifier([OLD, NEW])(presented), false);
  });
}

Deno.test("createApiKeyVerifier refuses to be built without keys", () => {
  assertThrows(() => createApiKeyVerifier([]), TypeError, "without keys");
});
