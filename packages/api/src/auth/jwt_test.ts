import { assertEquals, assertRejects } from "@std/assert";
import type { JwtConfig } from "../config.ts";
import {
  generateKeyPair,
  signAsymmetric,
  signHs256,
  unsignedToken,
  withPayload,
  withTamperedSignature,
} from "@spkey/testkit/conformance";
import { JwksUnavailableError } from "./jwks.ts";
import { createJwtVerifier, JwtRejectedError } from "./jwt.ts";

const SECRET = "jwt-secret-0123456789abcdefghijklmnopqr";
const NOW_MS = 1_767_225_600_000;
const NOW = NOW_MS / 1000;
const now = () => NOW_MS;
const CLAIMS = { sub: "admin-1", email: "ops@smartphonekey.com", iat: NOW, exp: NOW + 300 };
const secretConfig: JwtConfig = {
  kind: "secret",
  algorithm: "HS256",
  secret: SECRET,
  issuer: null,
  audience: null,
  maxLifetimeSeconds: 86_400,
};

Deno.test("HS256: a token signed with the secret verifies", async () => {
  const verify = createJwtVerifier(secretConfig, { now });
  assertEquals(await verify(await signHs256(CLAIMS, SECRET)), CLAIMS);
});

const HS_REJECTED: Array<[string, () => Promise<string>]> = [
  ["alg none", () => Promise.resolve(unsignedToken(CLAIMS))],
  ["alg none with a signature", async () => {
    const [, payload, sig] = (await signHs256(CLAIMS, SECRET)).split(".");
    return `${btoa('{"alg":"none","typ":"JWT"}').replace(/=+$/, "")}.${payload}.${sig}`;
  }],
  ["the wrong secret", () => signHs256(CLAIMS, "another-secret-0123456789abcdefghijkl")],
  ["HS512 in the header", () => signHs256(CLAIMS, SECRET, { alg: "HS512", typ: "JWT" })],
  [
    "a tampered payload",
    async () => withPayload(await signHs256(CLAIMS, SECRET), { ...CLAIMS, sub: "root" }),
  ],
  ["a tampered signature", async () => withTamperedSignature(await signHs256(CLAIMS, SECRET))],
  ["expiry past the leeway", () => signHs256({ ...CLAIMS, exp: NOW - 31 }, SECRET)],
  ["no exp claim", () => signHs256({ sub: "a", email: "ops@smartphonekey.com" }, SECRET)],
  ["a non-numeric exp", () => signHs256({ ...CLAIMS, exp: "tomorrow" }, SECRET)],
  ["nbf beyond the leeway", () => signHs256({ ...CLAIMS, nbf: NOW + 31 }, SECRET)],
  ["iat beyond the leeway", () => signHs256({ ...CLAIMS, iat: NOW + 3600 }, SECRET)],
  ["exp at 1e20", () => signHs256({ ...CLAIMS, exp: 1e20 }, SECRET)],
  ["exp at 1e20 and no iat", () => signHs256({ ...CLAIMS, iat: undefined, exp: 1e20 }, SECRET)],
  ["a lifetime one second over 24 h", () => signHs256({ ...CLAIMS, exp: NOW + 86_401 }, SECRET)],
  [
    "an old iat making the lifetime over 24 h",
    () => signHs256({ ...CLAIMS, iat: NOW - 86_400, exp: NOW + 60 }, SECRET),
  ],
  [
    "no iat and more than 24 h (plus skew) left",
    () => signHs256({ ...CLAIMS, iat: undefined, exp: NOW + 86_431 }, SECRET),
  ],
  ["a non-numeric iat", () => signHs256({ ...CLAIMS, iat: "today" }, SECRET)],
  [
    "two parts only",
    async () => (await signHs256(CLAIMS, SECRET)).split(".").slice(0, 2).join("."),
  ],
  ["garbage", () => Promise.resolve("not.a.jwt")],
  ["a crit header", () => signHs256(CLAIMS, SECRET, { alg: "HS256", typ: "JWT", crit: ["x"] })],
];

for (const [name, token] of HS_REJECTED) {
  Deno.test(`HS256: a token with ${name} is rejected`, async () => {
    const verify = createJwtVerifier(secretConfig, { now });
    await assertRejects(async () => verify(await token()), JwtRejectedError);
  });
}

Deno.test("HS256: exp and nbf tolerate 30 s of clock skew", async () => {
  const verify = createJwtVerifier(secretConfig, { now });
  await verify(await signHs256({ ...CLAIMS, exp: NOW - 29, nbf: NOW + 29 }, SECRET));
});

Deno.test("a lifetime of exactly JWT_MAX_LIFETIME_SECONDS passes, with or without iat", async () => {
  const verify = createJwtVerifier(secretConfig, { now });
  await verify(await signHs256({ ...CLAIMS, exp: NOW + 86_400 }, SECRET));
  await verify(await signHs256({ ...CLAIMS, iat: undefined, exp: NOW + 86_430 }, SECRET));
  const short = createJwtVerifier({ ...secretConfig, maxLifetimeSeconds: 300 }, { now });
  await short(await signHs256({ ...CLAIMS, exp: NOW + 300 }, SECRET));
  await assertRejects(
    async () => await short(await signHs256({ ...CLAIMS, exp: NOW + 301 }, SECRET)),
    JwtRejectedError,
    "JWT_MAX_LIFETIME_SECONDS",
  );
});

Deno.test("iss and aud are enforced when configured", async () => {
  const verify = createJwtVerifier({ ...secretConfig, issuer: "https://auth", audience: ["api"] }, {
    now,
  });
  await verify(await signHs256({ ...CLAIMS, iss: "https://auth", aud: ["other", "api"] }, SECRET));
  for (
    const claims of [
      { ...CLAIMS, iss: "https://evil", aud: "api" },
      { ...CLAIMS, aud: "api" },
      { ...CLAIMS, iss: "https://auth", aud: "other" },
      { ...CLAIMS, iss: "https://auth" },
    ]
  ) {
    await assertRejects(async () => verify(await signHs256(claims, SECRET)), JwtRejectedError);
  }
});

Deno.test("rejection messages never contain the token", async () => {
  const verify = createJwtVerifier(secretConfig, { now });
  const token = await signHs256(CLAIMS, "another-secret-0123456789abcdefghijkl");
  const error = await assertRejects(async () => await verify(token), JwtRejectedError);
  assertEquals(error.message.includes(token.split(".")[1]), false);
});

for (const alg of ["RS256", "ES256"] as const) {
  Deno.test(`${alg} via a configured public key verifies and pins the algorithm`, async () => {
    const keys = await generateKeyPair(alg);
    const verify = createJwtVerifier({
      kind: "publicKey",
      algorithm: alg,
      publicKeyPem: keys.publicKeyPem,
      issuer: null,
      audience: null,
      maxLifetimeSeconds: 86_400,
    }, { now });
    assertEquals(await verify(await signAsymmetric(CLAIMS, keys.privateKey, { alg })), CLAIMS);
    // Algorithm confusion: HS256 keyed with the public key's PEM text (or its DER) must fail.
    const confused = await signHs256(CLAIMS, keys.publicKeyPem);
    await assertRejects(async () => await verify(confused), JwtRejectedError);
    await assertRejects(async () => await verify(unsignedToken(CLAIMS)), JwtRejectedError);
    const other = await generateKeyPair(alg);
    await assertRejects(
      async () => verify(await signAsymmetric(CLAIMS, other.privateKey, { alg })),
      JwtRejectedError,
    );
  });
}

Deno.test("ES256 via JWKS: verified, and the key set is fetched once", async () => {
  const keys = await generateKeyPair("ES256");
  const rsa = await generateKeyPair("RS256");
  let fetches = 0;
  const fetchFn: typeof fetch = () => {
    fetches++;
    return Promise.resolve(Response.json({
      keys: [
        { ...keys.publicJwk, kid: "ec-1", alg: "ES256", use: "sig" },
        { ...rsa.publicJwk, kid: "rsa-1", alg: "RS256", use: "sig" },
      ],
    }));
  };
  const verify = createJwtVerifier({
    kind: "jwks",
    jwksUrl: "https://auth.example/jwks",
    algorithms: ["ES256"],
    issuer: null,
    audience: null,
    maxLifetimeSeconds: 86_400,
  }, { now, fetch: fetchFn });
  const token = await signAsymmetric(CLAIMS, keys.privateKey, { alg: "ES256", kid: "ec-1" });
  for (let i = 0; i < 3; i++) assertEquals(await verify(token), CLAIMS);
  assertEquals(fetches, 1);
  // RS256 is not pinned here, even with a key in the set.
  await assertRejects(
    async () =>
      verify(await signAsymmetric(CLAIMS, rsa.privateKey, { alg: "RS256", kid: "rsa-1" })),
    JwtRejectedError,
  );
  // HS256 "signed" with the EC key's JSON, and a token naming an unknown kid.
  await assertRejects(
    async () =>
      verify(
        await signHs256(CLAIMS, JSON.stringify(keys.publicJwk), { alg: "HS256", kid: "ec-1" }),
      ),
    JwtRejectedError,
  );
  await assertRejects(
    async () =>
      verify(await signAsymmetric(CLAIMS, keys.privateKey, { alg: "ES256", kid: "nope" })),
    JwtRejectedError,
  );
  await assertRejects(
    async () => verify(await signAsymmetric(CLAIMS, keys.privateKey, { alg: "ES256" })),
    JwtRejectedError,
    undefined,
    "a token without kid",
  );
});

Deno.test("JWKS outage surfaces as JwksUnavailableError, not as a bad token", async () => {
  const keys = await generateKeyPair("ES256");
  const verify = createJwtVerifier({
    kind: "jwks",
    jwksUrl: "https://auth.example/jwks",
    algorithms: ["ES256"],
    issuer: null,
    audience: null,
    maxLifetimeSeconds: 86_400,
  }, { now, fetch: () => Promise.reject(new TypeError("connection refused")) });
  const token = await signAsymmetric(CLAIMS, keys.privateKey, { alg: "ES256", kid: "ec-1" });
  await assertRejects(async () => await verify(token), JwksUnavailableError);
});

/** Runs `fn` while counting WebCrypto signature checks (`checks()` reads the count). */
async function withSignatureCounter(fn: (checks: () => number) => Promise<void>) {
  const subtle = crypto.subtle;
  const original = subtle.verify;
  let count = 0;
  subtle.verify = function (...args: Parameters<SubtleCrypto["verify"]>) {
    count++;
    return original.apply(subtle, args);
  } as SubtleCrypto["verify"];
  try {
    await fn(() => count);
  } finally {
    subtle.verify = original;
  }
}

Deno.test("a verified token is cached: the signature is checked once, the expiry every time", async () => {
  let clock = NOW_MS;
  const verify = createJwtVerifier(secretConfig, { now: () => clock });
  const claims = { ...CLAIMS, exp: NOW + 20 };
  const token = await signHs256(claims, SECRET);
  await withSignatureCounter(async (checks) => {
    for (let i = 0; i < 5; i++) assertEquals(await verify(token), claims);
    assertEquals(checks(), 1, "one signature check for five uses of the same token");
    // A different token (even with the same claims) is verified on its own.
    await assertRejects(async () => await verify(withTamperedSignature(token)), JwtRejectedError);
    assertEquals(checks(), 2);
    // Past exp + leeway (still inside the cache's minute) the cached token is rejected.
    clock = (claims.exp + 31) * 1000;
    await assertRejects(() => verify(token), JwtRejectedError);
    assertEquals(checks(), 2);
  });
});

Deno.test("a cached verification is redone after a minute", async () => {
  let clock = NOW_MS;
  const verify = createJwtVerifier(secretConfig, { now: () => clock });
  const token = await signHs256({ ...CLAIMS, exp: NOW + 3600 }, SECRET);
  await withSignatureCounter(async (checks) => {
    await verify(token);
    clock += 59_000;
    await verify(token);
    assertEquals(checks(), 1);
    clock += 2_000;
    await verify(token);
    assertEquals(checks(), 2);
  });
});
