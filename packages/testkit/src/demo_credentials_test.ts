import { assert, assertEquals } from "@std/assert";
import { DEMO_ADMIN, DEMO_JWT_TTL_SECONDS, signDemoJwt } from "./demo_credentials.ts";

const secret = "a-demo-jwt-secret-of-at-least-32-characters";

function decodePart(part: string): Record<string, unknown> {
  const b64 = part.replaceAll("-", "+").replaceAll("_", "/");
  return JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
}

Deno.test("signDemoJwt signs an HS256 token that WebCrypto verifies with the same secret", async () => {
  const jwt = await signDemoJwt(secret);
  const [header, payload, signature] = jwt.split(".");
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const b64 = signature.replaceAll("-", "+").replaceAll("_", "/");
  const sig = Uint8Array.from(
    atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)),
    (c) => c.charCodeAt(0),
  );
  assert(
    await crypto.subtle.verify("HMAC", key, sig, new TextEncoder().encode(`${header}.${payload}`)),
  );
  assertEquals(decodePart(header), { alg: "HS256", typ: "JWT" });
});

Deno.test("signDemoJwt names the demo admin and expires 12 h after issue", async () => {
  const payload = decodePart((await signDemoJwt(secret, {}, 1_800_000_000)).split(".")[1]);
  assertEquals(payload, {
    ...DEMO_ADMIN,
    iat: 1_800_000_000,
    exp: 1_800_000_000 + DEMO_JWT_TTL_SECONDS,
  });
});

Deno.test("signDemoJwt lets claims override the defaults", async () => {
  const payload = decodePart(
    (await signDemoJwt(secret, { email: "x@example.com", exp: 5 })).split(".")[1],
  );
  assertEquals([payload.email, payload.exp], ["x@example.com", 5]);
});
