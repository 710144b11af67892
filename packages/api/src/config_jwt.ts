/**
 * The JWT verification settings: exactly one source (`JWT_SECRET`, `JWT_JWKS_URL` or
 * `JWT_PUBLIC_KEY`), an algorithm pinned from it, and the optional `JWT_ISSUER` / `JWT_AUDIENCE`
 * (a comma list: a token must name one of them). `JWT_ALGORITHM` optionally pins RS256 or ES256
 * for a JWKS (default: both allowed) and must agree with the key type of `JWT_PUBLIC_KEY`.
 * `JWT_MAX_LIFETIME_SECONDS` caps how long a token may live (default 24 hours).
 *
 * @module
 */
import {
  ConfigError,
  type Env,
  integerSetting,
  listSetting,
  readSetting,
  urlSetting,
} from "./config_parse.ts";

/** The signature algorithms admin JWTs may use. */
export type JwtAlgorithm = "HS256" | "RS256" | "ES256";

/** Where JWT signatures are verified from, plus the claims checked when configured. */
export type JwtConfig =
  & {
    issuer: string | null;
    audience: string[] | null;
    /** The longest `exp − iat` (or `exp − now` without `iat`) a token may have, in seconds. */
    maxLifetimeSeconds: number;
  }
  & (
    | { kind: "secret"; algorithm: "HS256"; secret: string }
    | { kind: "jwks"; jwksUrl: string; algorithms: Array<"RS256" | "ES256"> }
    | { kind: "publicKey"; algorithm: "RS256" | "ES256"; publicKeyPem: string }
  );

const MIN_SECRET_LENGTH = 32;
const ALGORITHMS: readonly JwtAlgorithm[] = ["HS256", "RS256", "ES256"];
const DEFAULT_MAX_LIFETIME_SECONDS = 86_400;

/** Parses the JWT settings; throws {@linkcode ConfigError} naming the bad variable. */
export function parseJwtConfig(env: Env): JwtConfig {
  const claims = {
    issuer: readSetting(env, "JWT_ISSUER") ?? null,
    audience: listSetting(env, "JWT_AUDIENCE").length > 0 ? listSetting(env, "JWT_AUDIENCE") : null,
    maxLifetimeSeconds:
      integerSetting(env, "JWT_MAX_LIFETIME_SECONDS", { min: 60, max: 604_800 }) ??
        DEFAULT_MAX_LIFETIME_SECONDS,
  };
  const algorithm = parseAlgorithm(env);
  const sources = ["JWT_SECRET", "JWT_JWKS_URL", "JWT_PUBLIC_KEY"]
    .filter((name) => readSetting(env, name) !== undefined);
  if (sources.length === 0) {
    throw new ConfigError(
      "JWT_SECRET, JWT_JWKS_URL or JWT_PUBLIC_KEY is required to verify admin JWTs.",
    );
  }
  if (sources.length > 1) {
    throw new ConfigError(`Set only one of ${sources.join(", ")}: they are alternatives.`);
  }
  const source = sources[0];
  if (source === "JWT_SECRET") {
    const secret = readSetting(env, "JWT_SECRET")!;
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
    }
    if (algorithm !== null && algorithm !== "HS256") {
      throw new ConfigError("JWT_ALGORITHM must be HS256 with JWT_SECRET.");
    }
    return { ...claims, kind: "secret", algorithm: "HS256", secret };
  }
  if (source === "JWT_JWKS_URL") {
    const jwksUrl = urlSetting(env, "JWT_JWKS_URL")!;
    if (algorithm === "HS256") {
      throw new ConfigError("JWT_ALGORITHM must be RS256 or ES256 with JWT_JWKS_URL.");
    }
    return {
      ...claims,
      kind: "jwks",
      jwksUrl,
      algorithms: algorithm ? [algorithm] : ["RS256", "ES256"],
    };
  }
  const publicKeyPem = normalizePem(readSetting(env, "JWT_PUBLIC_KEY")!);
  const keyAlgorithm = spkiAlgorithm(publicKeyPem);
  if (algorithm !== null && algorithm !== keyAlgorithm) {
    throw new ConfigError(
      `JWT_ALGORITHM does not match the JWT_PUBLIC_KEY type (${keyAlgorithm}).`,
    );
  }
  return { ...claims, kind: "publicKey", algorithm: keyAlgorithm, publicKeyPem };
}

/**
 * Start-up warnings about the JWT settings: an asymmetric key (a JWKS or a public key) usually
 * belongs to an identity provider that signs tokens for many applications, so without an issuer
 * and an audience to check, a token minted for any of them passes the JWT half of admin auth.
 * An HS256 secret is this service's own, so it gets no warning.
 */
export function jwtConfigWarnings(jwt: JwtConfig): string[] {
  if (jwt.kind === "secret") return [];
  const missing = [
    ...(jwt.issuer === null ? ["JWT_ISSUER"] : []),
    ...(jwt.audience === null ? ["JWT_AUDIENCE"] : []),
  ];
  if (missing.length === 0) return [];
  const source = jwt.kind === "jwks" ? "JWT_JWKS_URL" : "JWT_PUBLIC_KEY";
  return [
    `${source} is set without ${missing.join(" and ")}: tokens its identity provider issued ` +
    `for other applications pass the JWT check. Set ${missing.join(" and ")}.`,
  ];
}

function parseAlgorithm(env: Env): JwtAlgorithm | null {
  const raw = readSetting(env, "JWT_ALGORITHM");
  if (raw === undefined) return null;
  const upper = raw.toUpperCase();
  if (!(ALGORITHMS as readonly string[]).includes(upper)) {
    throw new ConfigError(`JWT_ALGORITHM must be one of ${ALGORITHMS.join(", ")}.`);
  }
  return upper as JwtAlgorithm;
}

const PEM = /^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=\n]+)\n-----END PUBLIC KEY-----$/;

/** Env files often carry a PEM on one line with literal `\n`: restore the line breaks. */
function normalizePem(raw: string): string {
  const pem = raw.replaceAll("\\n", "\n").replaceAll("\r", "").trim();
  if (!PEM.test(pem)) {
    throw new ConfigError(
      "JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY----- ... SPKI).",
    );
  }
  return pem;
}

// DER-encoded OBJECT IDENTIFIERs inside an SPKI AlgorithmIdentifier.
const RSA_ENCRYPTION = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const EC_PUBLIC_KEY = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const P256_CURVE = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/** The JWT algorithm a PEM SPKI key implies, read from its AlgorithmIdentifier. */
function spkiAlgorithm(pem: string): "RS256" | "ES256" {
  const body = pem.split("\n").slice(1, -1).join("");
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0));
  } catch {
    throw new ConfigError("JWT_PUBLIC_KEY is not valid base64 inside its PEM armour.");
  }
  // The AlgorithmIdentifier comes first in the SPKI, well within its first 32 bytes.
  const head = der.subarray(0, 32);
  if (includesBytes(head, RSA_ENCRYPTION)) return "RS256";
  if (includesBytes(head, EC_PUBLIC_KEY) && includesBytes(head, P256_CURVE)) return "ES256";
  throw new ConfigError("JWT_PUBLIC_KEY must be an RSA or P-256 EC public key.");
}

function includesBytes(haystack: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}
