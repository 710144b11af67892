/**
 * The bad-input matrix: malformed ids and email queries, headers, keys and JWTs, oversized
 * headers and odd methods, each with its exact status and error envelope (none of them a 5xx).
 *
 * @module
 */
import type { ConformanceCase } from "./case.ts";
import { DEMO_IDS } from "./demo_expectations.ts";
import { assertEnvelope, MESSAGES } from "./expect.ts";
import {
  generateKeyPair,
  signAsymmetric,
  signHs256,
  unsignedToken,
  withPayload,
  withTamperedSignature,
} from "./jws.ts";
import { adminClaims, adminHeaders, type ConformanceTarget, send } from "./target.ts";

interface BadInput {
  name: string;
  status: 400 | 401 | 403 | 404 | 405;
  message: string;
  method?: string;
  /** Defaults to the healthy demo user's diagnostics path. */
  path?: string;
  /** Defaults to a valid admin's headers. */
  headers?: (target: ConformanceTarget) => Promise<Record<string, string>>;
}

const HEALTHY = `/admin/threedeye/users/${DEMO_IDS.healthy}`;
const users = (id: string) => `/admin/threedeye/users/${id}`;
const SEARCH = "/admin/threedeye/users";
/** The search path with `query` as its raw (already encoded) query string. */
const search = (query: string) => `${SEARCH}?${query}`;

/** Valid key with the given Authorization value. */
const withAuthorization =
  (authorization: (t: ConformanceTarget) => Promise<string> | string) =>
  async (target: ConformanceTarget) => ({
    "X-Admin-API-Key": target.adminKey,
    Authorization: await authorization(target),
  });

/** Valid key and a token signed over claims overridden by `overrides`. */
const withClaims = (overrides: Record<string, unknown>) =>
  withAuthorization(async (t) => `Bearer ${await t.signJwt(adminClaims(t, overrides))}`);

/** Valid JWT with the given key headers. */
const withKeys =
  (keys: (t: ConformanceTarget) => Record<string, string>) => async (target: ConformanceTarget) => {
    const { Authorization } = await adminHeaders(target);
    return { ...keys(target), Authorization };
  };

const validToken = (t: ConformanceTarget) => t.signJwt(adminClaims(t));
const now = () => Math.floor(Date.now() / 1000);

const BAD_INPUTS: BadInput[] = [
  // Malformed user ids (authenticated).
  {
    name: "a word as user id",
    path: users("not-a-uuid"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a number as user id",
    path: users("12345"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID missing a digit",
    path: users(DEMO_IDS.healthy.slice(0, -1)),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID with an extra digit",
    path: users(`${DEMO_IDS.healthy}1`),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID without dashes",
    path: users(DEMO_IDS.healthy.replaceAll("-", "")),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID in braces",
    path: users(`%7B${DEMO_IDS.healthy}%7D`),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID with a bad variant",
    path: users("11111111-1111-4111-1111-111111111111"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a UUID with non-hex letters",
    path: users("gggggggg-1111-4111-8111-111111111111"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "SQL in the user id",
    path: users("'%20OR%201%3D1%20--"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "an encoded path traversal",
    path: users("..%2F..%2Fetc%2Fpasswd"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a NUL byte in the user id",
    path: users(`${DEMO_IDS.healthy}%00`),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "unicode in the user id",
    path: users("%C3%BC%C3%BC"),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  {
    name: "a 2000-character user id",
    path: users("a".repeat(2000)),
    status: 400,
    message: MESSAGES.invalidUserId,
  },
  { name: "a trailing slash", path: `${HEALTHY}/`, status: 404, message: MESSAGES.notFound },
  {
    name: "an extra path segment",
    path: `${HEALTHY}/extra`,
    status: 404,
    message: MESSAGES.notFound,
  },
  {
    name: "an empty user id",
    path: "/admin/threedeye/users/",
    status: 404,
    message: MESSAGES.notFound,
  },
  {
    name: "an unknown admin path",
    path: "/admin/nothing-here",
    status: 404,
    message: MESSAGES.notFound,
  },
  {
    name: "a Turnkey user id with a space",
    path: "/admin/turnkey/users/has%20space",
    status: 400,
    message:
      "Invalid path parameter userId: must be a Turnkey id (letters, digits, '.', '_', ':' or '-'; at most 128)",
  },
  {
    name: "a Turnkey organizationId with markup",
    path: "/admin/turnkey/users/u-1?organizationId=%3Cscript%3E",
    status: 400,
    message:
      "Invalid query parameter organizationId: must be a Turnkey id (letters, digits, '.', '_', ':' or '-'; at most 128)",
  },

  // Malformed email searches (authenticated).
  { name: "no email parameter", path: SEARCH, status: 400, message: MESSAGES.emailRequired },
  {
    name: "another parameter instead of email",
    path: search("mail=alice%40example.com"),
    status: 400,
    message: MESSAGES.emailRequired,
  },
  { name: "an empty email", path: search("email="), status: 400, message: MESSAGES.invalidEmail },
  {
    name: "only spaces as email",
    path: search("email=%20%20%20"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "an email without @",
    path: search("email=alice.example.com"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "an email with two @",
    path: search("email=alice%40example%40example.com"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "an email without a domain",
    path: search("email=alice%40"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "an email with a space inside",
    path: search("email=ali%20ce%40example.com"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "a NUL byte in the email",
    path: search("email=alice%00%40example.com"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "SQL in the email",
    path: search("email=%27%20OR%201%3D1%20--"),
    status: 400,
    message: MESSAGES.invalidEmail,
  },
  {
    name: "a 255-character email",
    path: search(`email=${"a".repeat(64)}%40${"b".repeat(186)}.com`),
    status: 400,
    message: MESSAGES.emailTooLong,
  },
  {
    name: "a 300-character email",
    path: search(`email=${"a".repeat(64)}%40${"b".repeat(231)}.com`),
    status: 400,
    message: MESSAGES.emailTooLong,
  },
  {
    name: "the email given twice",
    path: search("email=alice%40example.com&email=bob%40example.com"),
    status: 400,
    message: MESSAGES.emailRepeated,
  },
  {
    name: "a search with a trailing slash",
    path: `${SEARCH}/?email=alice%40example.com`,
    status: 404,
    message: MESSAGES.notFound,
  },

  // API keys (with a valid JWT).
  {
    name: "no API key",
    headers: withKeys(() => ({})),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a wrong API key",
    headers: withKeys(() => ({ "X-Admin-API-Key": "wrong-admin-key-0123456789" })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an empty API key",
    headers: withKeys(() => ({ "X-Admin-API-Key": "" })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "the API key minus its last character",
    headers: withKeys((t) => ({ "X-Admin-API-Key": t.adminKey.slice(0, -1) })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "the API key plus a character",
    headers: withKeys((t) => ({ "X-Admin-API-Key": `${t.adminKey}x` })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "the API key in upper case",
    headers: withKeys((t) => ({ "X-Admin-API-Key": t.adminKey.toUpperCase() })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a very long API key (4 KiB)",
    headers: withKeys(() => ({ "X-Admin-API-Key": "k".repeat(4096) })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a wrong primary key beside a right alias",
    headers: withKeys((t) => ({
      "X-Admin-API-Key": "wrong-admin-key-0123456789",
      "X-API-Key": t.adminKey,
    })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "the API key as a bearer token and no key header",
    headers: (t) => Promise.resolve({ Authorization: `Bearer ${t.adminKey}` }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },

  // Authorization header and JWTs (with a valid key).
  {
    name: "no Authorization header",
    headers: (t) => Promise.resolve({ "X-Admin-API-Key": t.adminKey }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "no credentials at all",
    headers: () => Promise.resolve({}),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a Basic Authorization",
    headers: withAuthorization(() => "Basic YWRtaW46YWRtaW4="),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a bare token without scheme",
    headers: withAuthorization(validToken),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an empty bearer",
    headers: withAuthorization(() => "Bearer "),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a garbage bearer",
    headers: withAuthorization(() => "Bearer abc.def.ghi"),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a two-part token",
    headers: withAuthorization(async (t) =>
      `Bearer ${(await validToken(t)).split(".").slice(0, 2).join(".")}`
    ),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an alg none token",
    headers: withAuthorization((t) => `Bearer ${unsignedToken(adminClaims(t))}`),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an alg confusion token (HS256 keyed with the public key, or RS256 on an HS256 server)",
    headers: withAuthorization(async (t) => `Bearer ${await confusedToken(t)}`),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token signed with an unknown key",
    headers: withAuthorization(async (t) => `Bearer ${await foreignToken(t)}`),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an expired token",
    headers: withClaims({ exp: now() - 600, iat: now() - 900 }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token not valid for another hour",
    headers: withClaims({ nbf: now() + 3600 }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token issued in the future",
    headers: withClaims({ iat: now() + 3600, exp: now() + 7200 }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token without exp",
    headers: withClaims({ exp: undefined }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token for another audience",
    headers: withClaims({ aud: "someone-else" }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token without audience",
    headers: withClaims({ aud: undefined }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token from another issuer",
    headers: withClaims({ iss: "https://evil.example" }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token with a tampered payload",
    headers: withAuthorization(async (t) =>
      `Bearer ${withPayload(await validToken(t), adminClaims(t, { sub: "root" }))}`
    ),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a token with a tampered signature",
    headers: withAuthorization(async (t) => `Bearer ${withTamperedSignature(await validToken(t))}`),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "an oversized Authorization header (9 KiB)",
    headers: withAuthorization(async (t) => `Bearer ${await validToken(t)}${"A".repeat(9 * 1024)}`),
    status: 401,
    message: MESSAGES.unauthenticated,
  },

  // Valid credentials that do not belong to an admin.
  {
    name: "a non-admin email",
    headers: withClaims({ email: "someone@example.com" }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "a look-alike admin domain",
    headers: withClaims({ email: "ops@evil-smartphonekey.com" }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "the admin domain as a prefix",
    headers: withClaims({ email: "ops@smartphonekey.com.evil.io" }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "an admin subdomain",
    headers: withClaims({ email: "ops@mail.smartphonekey.com" }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "two @ in the email",
    headers: withClaims({ email: "evil.io@smartphonekey.com@evil.io" }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "no email claim",
    headers: withClaims({ email: undefined }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "an email claim that is a list",
    headers: withClaims({ email: ["ops@smartphonekey.com"] }),
    status: 403,
    message: MESSAGES.forbidden,
  },
  {
    name: "no sub claim",
    headers: withClaims({ sub: undefined }),
    status: 403,
    message: MESSAGES.forbidden,
  },

  // The search is behind the same dual auth.
  {
    name: "a search without credentials",
    path: search("email=alice%40example.com"),
    headers: () => Promise.resolve({}),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a search with the API key only",
    path: search("email=alice%40example.com"),
    headers: (t) => Promise.resolve({ "X-Admin-API-Key": t.adminKey }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a search with a wrong API key",
    path: search("email=alice%40example.com"),
    headers: withKeys(() => ({ "X-Admin-API-Key": "wrong-admin-key-0123456789" })),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a search with an expired token",
    path: search("email=alice%40example.com"),
    headers: withClaims({ exp: now() - 600, iat: now() - 900 }),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a malformed search without credentials (auth comes first)",
    path: search("email=not-an-email"),
    headers: () => Promise.resolve({}),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "a search by a non-admin",
    path: search("email=alice%40example.com"),
    headers: withClaims({ email: "someone@example.com" }),
    status: 403,
    message: MESSAGES.forbidden,
  },

  // Odd methods and unknown routes.
  {
    name: "POST on the diagnostics route",
    method: "POST",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "PUT on the diagnostics route",
    method: "PUT",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "DELETE on the diagnostics route",
    method: "DELETE",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "PATCH on the diagnostics route",
    method: "PATCH",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "PROPFIND on the diagnostics route",
    method: "PROPFIND",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "OPTIONS without Origin",
    method: "OPTIONS",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "POST on the diagnostics route without credentials",
    method: "POST",
    headers: () => Promise.resolve({}),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
  {
    name: "POST on the search route",
    method: "POST",
    path: search("email=alice%40example.com"),
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "DELETE on the search route",
    method: "DELETE",
    path: SEARCH,
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "DELETE on the Turnkey route",
    method: "DELETE",
    path: "/admin/turnkey/users/u-1",
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "POST /healthz",
    method: "POST",
    path: "/healthz",
    headers: () => Promise.resolve({}),
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "PUT /openapi.json",
    method: "PUT",
    path: "/openapi.json",
    headers: () => Promise.resolve({}),
    status: 405,
    message: MESSAGES.methodNotAllowed,
  },
  {
    name: "an unknown route",
    path: "/wp-admin/setup.php",
    headers: () => Promise.resolve({}),
    status: 404,
    message: MESSAGES.notFound,
  },
  {
    name: "an unknown admin path without credentials",
    path: "/admin/nothing-here",
    headers: () => Promise.resolve({}),
    status: 401,
    message: MESSAGES.unauthenticated,
  },
];

/** For an asymmetric server: HS256 keyed with its public key. For HS256: a valid RS256 token. */
async function confusedToken(target: ConformanceTarget): Promise<string> {
  const claims = adminClaims(target);
  if (target.jwtPublicKeyPem) return signHs256(claims, target.jwtPublicKeyPem);
  const keys = await generateKeyPair("RS256");
  return signAsymmetric(claims, keys.privateKey, { alg: "RS256" });
}

/** A well-formed token in the server's algorithm, signed with a key the server does not know. */
async function foreignToken(target: ConformanceTarget): Promise<string> {
  const claims = adminClaims(target);
  const alg = target.jwtAlgorithm ?? "HS256";
  if (alg === "HS256") return signHs256(claims, "an-unknown-secret-0123456789abcdefghij");
  const keys = await generateKeyPair(alg);
  return signAsymmetric(claims, keys.privateKey, { alg, kid: "unknown-kid" });
}

/** The matrix as conformance cases. */
export const badInputCases: ConformanceCase[] = BAD_INPUTS.map((input) => ({
  name: `${input.method ?? "GET"} ${
    input.path ?? "/admin/threedeye/users/:id"
  } with ${input.name} answers ${input.status}`,
  async run(target) {
    const headers = await (input.headers ?? ((t) => adminHeaders(t)))(target);
    const answer = await send(target, input.path ?? HEALTHY, { method: input.method, headers });
    assertEnvelope(answer, input.status, input.message);
  },
}));

/** How many bad inputs the matrix has (the spec asks for at least 40). */
export const BAD_INPUT_COUNT = BAD_INPUTS.length;
