import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { ConfigError, parseConfig } from "./config.ts";
import { generateKeyPair } from "@spkey/testkit/conformance";

const BASE = {
  ADMIN_API_KEYS: "admin-key-0123456789abcdef",
  JWT_SECRET: "jwt-secret-0123456789abcdefghijklmnopqr",
};
const THREEDEYE = {
  THREEDEYE_API_KEY: "td-api-key-secret",
  THREEDEYE_USERNAME: "svc-user",
  THREEDEYE_PASSWORD: "td-password-secret",
  THREEDEYE_CUSTOMER_ID: "cust-demo-001",
};
const TURNKEY = {
  TURNKEY_API_PUBLIC_KEY: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  TURNKEY_API_PRIVATE_KEY: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};

Deno.test("parseConfig applies the documented defaults", () => {
  const config = parseConfig(BASE);
  assertEquals(config.adminApiKeys, ["admin-key-0123456789abcdef"]);
  assertEquals(config.jwt, {
    kind: "secret",
    algorithm: "HS256",
    secret: BASE.JWT_SECRET,
    issuer: null,
    audience: null,
    maxLifetimeSeconds: 86_400,
  });
  assertEquals(config.adminEmailDomains, ["smartphonekey.com"]);
  assertEquals(config.authFailureLimit, { max: 10, windowMs: 60_000 });
  assertEquals(config.threedeye, null);
  assertEquals(config.turnkey, null);
  assertEquals(config.corsOrigins, []);
  assertEquals(config.d1Http, null);
  assertEquals(config.databasePath, null);
  assertEquals(config.trustedProxy, null, "the connection address, no header");
  assertEquals(config.denoKvPath, null);
  assertEquals(config.port, null);
  assertEquals(config.logLevel, "info");
  assertEquals(config.warnings, []);
});

Deno.test("parseConfig reads every optional group", () => {
  const config = parseConfig({
    ...BASE,
    ...THREEDEYE,
    ...TURNKEY,
    ADMIN_API_KEYS: " old-key-0123456789abc , new-key-0123456789abc ",
    ADMIN_EMAIL_DOMAINS: "SmartphoneKey.com, ops.example.org",
    ADMIN_AUTH_FAILURE_LIMIT: "1000",
    ADMIN_AUTH_FAILURE_WINDOW_SECONDS: "30",
    JWT_ISSUER: "https://auth.example.com",
    JWT_AUDIENCE: "admin-api,ops",
    JWT_MAX_LIFETIME_SECONDS: "3600",
    THREEDEYE_API_BASE: "http://127.0.0.1:8787/v3/",
    THREEDEYE_TIMEOUT_MS: "1500",
    THREEDEYE_PROBE_DEADLINE_MS: "4000",
    THREEDEYE_MAX_RESPONSE_BYTES: "1048576",
    THREEDEYE_PAGE_SIZE: "50",
    THREEDEYE_LISTING_TTL_SECONDS: "0",
    TURNKEY_ORGANIZATION_ID: "org-1",
    CORS_ORIGINS: "https://admin.example.com,http://localhost:5173",
    D1_ACCOUNT_ID: "acc",
    D1_DATABASE_ID: "db",
    D1_API_TOKEN: "d1-token-secret",
    DATABASE_PATH: "./data/dev.sqlite",
    DENO_KV_PATH: "./data/failures.kv",
    TRUSTED_PROXY_HEADER: "X-Forwarded-For",
    TRUSTED_PROXY_HOPS: "2",
    PORT: "8080",
    LOG_LEVEL: "WARN",
  });
  assertEquals(config.adminApiKeys, ["old-key-0123456789abc", "new-key-0123456789abc"]);
  assertEquals(config.adminEmailDomains, ["smartphonekey.com", "ops.example.org"]);
  assertEquals(config.authFailureLimit, { max: 1000, windowMs: 30_000 });
  assertEquals(config.jwt.issuer, "https://auth.example.com");
  assertEquals(config.jwt.audience, ["admin-api", "ops"]);
  assertEquals(config.jwt.maxLifetimeSeconds, 3600);
  assertEquals(config.threedeye, {
    apiBase: "http://127.0.0.1:8787/v3",
    apiKey: "td-api-key-secret",
    username: "svc-user",
    password: "td-password-secret",
    customerId: "cust-demo-001",
    timeoutMs: 1500,
    probeDeadlineMs: 4000,
    maxResponseBytes: 1_048_576,
    pageSize: 50,
    maxUsers: null,
    pageConcurrency: null,
    listingTtlSeconds: 0,
  });
  assertEquals(config.turnkey, {
    apiBase: "https://api.turnkey.com",
    apiPublicKey: TURNKEY.TURNKEY_API_PUBLIC_KEY,
    apiPrivateKey: TURNKEY.TURNKEY_API_PRIVATE_KEY,
    organizationId: "org-1",
    timeoutMs: 3000,
  });
  assertEquals(config.corsOrigins, ["https://admin.example.com", "http://localhost:5173"]);
  assertEquals(config.d1Http, {
    apiBase: "https://api.cloudflare.com/client/v4",
    accountId: "acc",
    databaseId: "db",
    apiToken: "d1-token-secret",
  });
  assertEquals(config.databasePath, "./data/dev.sqlite");
  assertEquals(config.denoKvPath, "./data/failures.kv");
  assertEquals(config.trustedProxy, { header: "x-forwarded-for", hops: 2 });
  assertEquals(config.port, 8080);
  assertEquals(config.logLevel, "warn");
});

Deno.test("the 3dEye listing is kept 60 s unless THREEDEYE_LISTING_TTL_SECONDS says otherwise", () => {
  assertEquals(parseConfig({ ...BASE, ...THREEDEYE }).threedeye?.listingTtlSeconds, 60);
  const off = parseConfig({ ...BASE, ...THREEDEYE, THREEDEYE_LISTING_TTL_SECONDS: "0" });
  assertEquals(off.threedeye?.listingTtlSeconds, 0);
  const hour = parseConfig({ ...BASE, ...THREEDEYE, THREEDEYE_LISTING_TTL_SECONDS: "3600" });
  assertEquals(hour.threedeye?.listingTtlSeconds, 3600);
});

Deno.test("parseConfig treats blank values as unset", () => {
  const config = parseConfig({ ...BASE, THREEDEYE_API_KEY: "  ", PORT: "", CORS_ORIGINS: " , " });
  assertEquals(config.threedeye, null);
  assertEquals(config.port, null);
  assertEquals(config.corsOrigins, []);
});

Deno.test("parseConfig picks RS256 or ES256 from the public key type", async () => {
  for (const alg of ["RS256", "ES256"] as const) {
    const { publicKeyPem } = await generateKeyPair(alg);
    const { JWT_SECRET: _, ...withoutSecret } = BASE;
    // Env files often hold the PEM on one line with literal \n.
    const oneLine = publicKeyPem.replaceAll("\n", "\\n");
    const config = parseConfig({ ...withoutSecret, JWT_PUBLIC_KEY: oneLine });
    assertEquals(config.jwt.kind, "publicKey");
    if (config.jwt.kind === "publicKey") {
      assertEquals(config.jwt.algorithm, alg);
      assertEquals(config.jwt.publicKeyPem, publicKeyPem);
    }
  }
});

Deno.test("parseConfig pins JWKS algorithms to JWT_ALGORITHM when given", () => {
  const { JWT_SECRET: _, ...withoutSecret } = BASE;
  const jwks = parseConfig({ ...withoutSecret, JWT_JWKS_URL: "https://auth.example.com/jwks" });
  assertEquals(jwks.jwt.kind === "jwks" && jwks.jwt.algorithms, ["RS256", "ES256"]);
  const pinned = parseConfig({
    ...withoutSecret,
    JWT_JWKS_URL: "https://auth.example.com/jwks",
    JWT_ALGORITHM: "es256",
  });
  assertEquals(pinned.jwt.kind === "jwks" && pinned.jwt.algorithms, ["ES256"]);
});

const { JWT_SECRET: _secret, ...NO_JWT } = BASE;

const FAILURES: Array<[string, Record<string, string>, string]> = [
  ["missing ADMIN_API_KEYS", { JWT_SECRET: BASE.JWT_SECRET }, "ADMIN_API_KEYS is required"],
  ["empty ADMIN_API_KEYS list", { ...BASE, ADMIN_API_KEYS: " , " }, "ADMIN_API_KEYS is required"],
  [
    "short admin key",
    { ...BASE, ADMIN_API_KEYS: "admin-key-0123456789,short-key" },
    "ADMIN_API_KEYS",
  ],
  ["no JWT source", NO_JWT, "JWT_SECRET, JWT_JWKS_URL or JWT_PUBLIC_KEY is required"],
  [
    "two JWT sources",
    { ...BASE, JWT_JWKS_URL: "https://a.example/jwks" },
    "Set only one of JWT_SECRET",
  ],
  [
    "short JWT_SECRET",
    { ...NO_JWT, JWT_SECRET: "too-short-secret" },
    "JWT_SECRET must be at least 32",
  ],
  ["HS secret with RS256", { ...BASE, JWT_ALGORITHM: "RS256" }, "JWT_ALGORITHM must be HS256"],
  ["unknown JWT_ALGORITHM", { ...BASE, JWT_ALGORITHM: "none" }, "JWT_ALGORITHM must be one of"],
  [
    "JWKS with HS256",
    { ...NO_JWT, JWT_JWKS_URL: "https://a.example/jwks", JWT_ALGORITHM: "HS256" },
    "JWT_ALGORITHM must be RS256 or ES256",
  ],
  [
    "JWKS over plain http",
    { ...NO_JWT, JWT_JWKS_URL: "http://auth.example.com/jwks" },
    "JWT_JWKS_URL must be an https URL",
  ],
  [
    "JWKS not a URL",
    { ...NO_JWT, JWT_JWKS_URL: "auth.example.com" },
    "JWT_JWKS_URL must be an absolute URL",
  ],
  [
    "public key not PEM",
    { ...NO_JWT, JWT_PUBLIC_KEY: "MIIBIjANBgkq" },
    "JWT_PUBLIC_KEY must be a PEM public key",
  ],
  [
    "partial 3dEye group",
    { ...BASE, ...THREEDEYE, THREEDEYE_PASSWORD: "" },
    "THREEDEYE_PASSWORD is required when",
  ],
  [
    "3dEye timeout not a number",
    { ...BASE, THREEDEYE_TIMEOUT_MS: "3s" },
    "THREEDEYE_TIMEOUT_MS must be an integer",
  ],
  [
    "3dEye probe deadline of zero",
    { ...BASE, THREEDEYE_PROBE_DEADLINE_MS: "0" },
    "THREEDEYE_PROBE_DEADLINE_MS must be an integer from 1 to 120000",
  ],
  [
    "3dEye listing TTL over an hour",
    { ...BASE, THREEDEYE_LISTING_TTL_SECONDS: "3601" },
    "THREEDEYE_LISTING_TTL_SECONDS must be an integer from 0 to 3600",
  ],
  [
    "3dEye listing TTL negative",
    { ...BASE, THREEDEYE_LISTING_TTL_SECONDS: "-1" },
    "THREEDEYE_LISTING_TTL_SECONDS must be an integer from 0 to 3600",
  ],
  [
    "3dEye byte cap below 1 KiB",
    { ...BASE, THREEDEYE_MAX_RESPONSE_BYTES: "1000" },
    "THREEDEYE_MAX_RESPONSE_BYTES must be an integer from 1024 to 268435456",
  ],
  [
    "3dEye base with credentials",
    { ...BASE, THREEDEYE_API_BASE: "https://u:p@x.example" },
    "THREEDEYE_API_BASE must be an https URL",
  ],
  ["Turnkey private key alone", {
    ...BASE,
    TURNKEY_API_PRIVATE_KEY: TURNKEY.TURNKEY_API_PRIVATE_KEY,
  }, "TURNKEY_API_PUBLIC_KEY is required when TURNKEY_API_PRIVATE_KEY"],
  ["Turnkey public key uncompressed", {
    ...BASE,
    ...TURNKEY,
    TURNKEY_API_PUBLIC_KEY: "04" + "a".repeat(128),
  }, "TURNKEY_API_PUBLIC_KEY must be a compressed"],
  [
    "Turnkey private key not hex",
    { ...BASE, ...TURNKEY, TURNKEY_API_PRIVATE_KEY: "zz-not-hex" },
    "TURNKEY_API_PRIVATE_KEY must be",
  ],
  [
    "partial D1 group",
    { ...BASE, D1_ACCOUNT_ID: "acc", D1_API_TOKEN: "tok" },
    "D1_DATABASE_ID is required",
  ],
  [
    "wildcard CORS origin",
    { ...BASE, CORS_ORIGINS: "*" },
    "CORS_ORIGINS entry 1 is not an exact origin",
  ],
  [
    "CORS origin with a path",
    { ...BASE, CORS_ORIGINS: "https://a.example.com/app" },
    "CORS_ORIGINS",
  ],
  [
    "bad admin domain",
    { ...BASE, ADMIN_EMAIL_DOMAINS: "@smartphonekey.com" },
    "ADMIN_EMAIL_DOMAINS",
  ],
  [
    "an admin domain with the Kelvin sign",
    { ...BASE, ADMIN_EMAIL_DOMAINS: "ops.example.org,smartphone\u212Aey.com" },
    "ADMIN_EMAIL_DOMAINS entry 2 is not a domain name",
  ],
  [
    "a JWT lifetime under a minute",
    { ...BASE, JWT_MAX_LIFETIME_SECONDS: "59" },
    "JWT_MAX_LIFETIME_SECONDS must be an integer from 60 to 604800",
  ],
  [
    "a JWT lifetime over a week",
    { ...BASE, JWT_MAX_LIFETIME_SECONDS: "604801" },
    "JWT_MAX_LIFETIME_SECONDS must be an integer from 60 to 604800",
  ],
  ["PORT out of range", { ...BASE, PORT: "70000" }, "PORT must be an integer from 0 to 65535"],
  ["failure limit zero", { ...BASE, ADMIN_AUTH_FAILURE_LIMIT: "0" }, "ADMIN_AUTH_FAILURE_LIMIT"],
  [
    "a trusted proxy header without hops",
    { ...BASE, TRUSTED_PROXY_HEADER: "X-Forwarded-For" },
    "TRUSTED_PROXY_HOPS is required when TRUSTED_PROXY_HEADER is set",
  ],
  [
    "trusted proxy hops without a header",
    { ...BASE, TRUSTED_PROXY_HOPS: "1" },
    "TRUSTED_PROXY_HEADER is required when TRUSTED_PROXY_HOPS is set",
  ],
  [
    "zero trusted proxy hops",
    { ...BASE, TRUSTED_PROXY_HEADER: "X-Forwarded-For", TRUSTED_PROXY_HOPS: "0" },
    "TRUSTED_PROXY_HOPS must be an integer from 1 to 16",
  ],
  [
    "a trusted proxy header that is not a header name",
    { ...BASE, TRUSTED_PROXY_HEADER: "X-Real IP: 203.0.113.7", TRUSTED_PROXY_HOPS: "1" },
    "TRUSTED_PROXY_HEADER must be a header name",
  ],
  ["unknown LOG_LEVEL", { ...BASE, LOG_LEVEL: "verbose" }, "LOG_LEVEL must be one of"],
];

for (const [name, env, expected] of FAILURES) {
  Deno.test(`parseConfig rejects ${name} with one line naming the variable`, () => {
    const error = assertThrows(() => parseConfig(env), ConfigError);
    assertStringIncludes(error.message, expected);
    assertEquals(error.message.includes("\n"), false);
    for (const value of Object.values(env)) {
      // No value appears in a message, whether or not it is a secret.
      if (value.length >= 8) {
        assertEquals(error.message.includes(value), false, `message echoes ${value}`);
      }
    }
  });
}

Deno.test("parseConfig rejects a public key whose type contradicts JWT_ALGORITHM", async () => {
  const { publicKeyPem } = await generateKeyPair("ES256");
  const error = assertThrows(
    () => parseConfig({ ...NO_JWT, JWT_PUBLIC_KEY: publicKeyPem, JWT_ALGORITHM: "RS256" }),
    ConfigError,
  );
  assertStringIncludes(
    error.message,
    "JWT_ALGORITHM does not match the JWT_PUBLIC_KEY type (ES256)",
  );
});

Deno.test("parseConfig names ADMIN_API_KEYS first when everything is missing", () => {
  assertThrows(() => parseConfig({}), ConfigError, "ADMIN_API_KEYS is required");
});

Deno.test("parseConfig keeps ADMIN_EMAIL_DOMAINS in ASCII lowercase", () => {
  const config = parseConfig({ ...BASE, ADMIN_EMAIL_DOMAINS: "SmartphoneKey.COM" });
  assertEquals(config.adminEmailDomains, ["smartphonekey.com"]);
});

Deno.test("parseConfig warns, in one line, about an asymmetric JWT key without issuer and audience", async () => {
  const { publicKeyPem } = await generateKeyPair("ES256");
  const jwks = { ...NO_JWT, JWT_JWKS_URL: "https://auth.example.com/jwks" };
  const publicKey = { ...NO_JWT, JWT_PUBLIC_KEY: publicKeyPem };
  const cases: Array<[Record<string, string>, string | null]> = [
    [jwks, "JWT_JWKS_URL is set without JWT_ISSUER and JWT_AUDIENCE"],
    [
      { ...jwks, JWT_ISSUER: "https://auth.example.com" },
      "JWT_JWKS_URL is set without JWT_AUDIENCE",
    ],
    [{ ...jwks, JWT_AUDIENCE: "spkey-admin" }, "JWT_JWKS_URL is set without JWT_ISSUER"],
    [{ ...jwks, JWT_ISSUER: "https://auth.example.com", JWT_AUDIENCE: "spkey-admin" }, null],
    [publicKey, "JWT_PUBLIC_KEY is set without JWT_ISSUER and JWT_AUDIENCE"],
    [{ ...publicKey, JWT_ISSUER: "https://a", JWT_AUDIENCE: "b" }, null],
    [BASE, null],
  ];
  for (const [env, expected] of cases) {
    const { warnings } = parseConfig(env);
    if (expected === null) {
      assertEquals(warnings, [], JSON.stringify(Object.keys(env)));
    } else {
      assertEquals(warnings.length, 1);
      assertStringIncludes(warnings[0], expected);
      assertStringIncludes(warnings[0], "other applications");
      assertEquals(warnings[0].includes("\n"), false);
      assertEquals(warnings[0].includes("auth.example.com"), false, "no value in a warning");
    }
  }
});

Deno.test("parseConfig reads numbers and booleans (typed wrangler.jsonc vars) as their text", () => {
  const config = parseConfig({
    ...BASE,
    ADMIN_AUTH_FAILURE_LIMIT: 3,
    ADMIN_AUTH_FAILURE_WINDOW_SECONDS: 7,
    JWT_ISSUER: true,
  } as Record<string, unknown>);
  assertEquals(config.authFailureLimit, { max: 3, windowMs: 7000 });
  assertEquals(config.jwt.issuer, "true");
  // ...and a fractional number is refused as any other non-integer text would be.
  assertThrows(
    () => parseConfig({ ...BASE, THREEDEYE_TIMEOUT_MS: 1500.5 }),
    ConfigError,
    "THREEDEYE_TIMEOUT_MS must be an integer",
  );
});

for (
  const [what, value] of [
    ["a list", ["https://a.example.com"]],
    ["an object", { max: 3 }],
    ["null", null],
    ["NaN", NaN],
  ] as const
) {
  Deno.test(`parseConfig refuses ${what} under a setting's name, naming it`, () => {
    const error = assertThrows(
      () => parseConfig({ ...BASE, CORS_ORIGINS: value } as Record<string, unknown>),
      ConfigError,
    );
    assertEquals(
      error.message,
      "CORS_ORIGINS must be text, a number or a boolean; write a list as comma-separated text.",
    );
  });
}

Deno.test("parseConfig ignores values under names it does not read (a Worker's bindings)", () => {
  const config = parseConfig({ ...BASE, DB: { prepare() {} }, ASSETS: { fetch() {} } });
  assertEquals(config.adminApiKeys, [BASE.ADMIN_API_KEYS]);
});

/** Every variable parseConfig reads, found by watching it read a full env. */
function settingNames(): string[] {
  const read = new Set<string>();
  const env = new Proxy({ ...BASE, ...THREEDEYE, ...TURNKEY } as Record<string, unknown>, {
    get(target, name) {
      if (typeof name === "string") read.add(name);
      return target[name as string];
    },
  });
  parseConfig(env);
  return [...read].sort();
}

Deno.test("no ConfigError message echoes a value, for recognisable bad values in every setting", () => {
  const names = settingNames();
  // The watch found the settings (a sample of them, so an empty list cannot pass).
  for (const name of ["ADMIN_EMAIL_DOMAINS", "CORS_ORIGINS", "JWT_JWKS_URL", "PORT", "LOG_LEVEL"]) {
    assert(names.includes(name), name);
  }
  const MARK = "ZQXmark";
  const badValues = (name: string) => [
    `${MARK}-${name}`,
    `${MARK}.example.com,@${MARK}`,
    `https://${MARK}.example.com/path?q=${MARK}`,
    `http://${MARK}.example.com`,
    `ftp://${MARK}`,
    `*${MARK}*`,
    `-----BEGIN PUBLIC KEY-----\n${MARK}\n-----END PUBLIC KEY-----`,
    `99999999999${MARK}`,
    `${MARK}\u212A`,
  ];
  let refused = 0;
  for (const name of names) {
    for (const value of badValues(name)) {
      // Each setting alone, and with the groups it belongs to filled in.
      for (const base of [{ ...BASE }, { ...BASE, ...THREEDEYE, ...TURNKEY }]) {
        const env: Record<string, string> = { ...base, [name]: value };
        if (name === "JWT_JWKS_URL" || name === "JWT_PUBLIC_KEY") delete env.JWT_SECRET;
        try {
          parseConfig(env);
        } catch (error) {
          assert(error instanceof ConfigError, `${name}: ${(error as Error).name}`);
          refused++;
          assertEquals(error.message.includes(MARK), false, `${name} echoed: ${error.message}`);
          assertEquals(error.message.includes("\u212A"), false);
        }
      }
    }
  }
  assert(refused > names.length, `only ${refused} refusals`);
});
