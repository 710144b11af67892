/**
 * STAND-IN for Turnkey's HTTP API — used only by tests, benchmarks and the local demo, never when
 * real Turnkey settings are given. Turnkey cannot be reached from the build machines, so this is a
 * real HTTP server on loopback that answers `POST /public/v1/query/get_user` the way Turnkey does:
 *
 * - it verifies the `X-Stamp` for real (ECDSA P-256 over the exact raw body) and requires the
 *   stamp's public key to be trusted, both through `verifyStamp`'s `trustedPublicKeys`, else 401
 *   with a Turnkey-shaped error;
 *   Turnkey's own SDK (`@turnkey/http`, with its stamper or ours) is served as it is, with nothing
 *   adapted for it (`turnkey_standin_sdk_interop_test.ts`);
 * - unknown users get 404 with gRPC code 5; a malformed body gets 400 with gRPC code 3;
 * - errors are `{ code, message, details: [{ "@type", turnkeyErrorCode }], turnkeyErrorCode }`,
 *   as Turnkey sends them. The `turnkeyErrorCode` values for stamp failures are this stand-in's
 *   plausible choices, not copied from Turnkey;
 * - faults (rate limit once, server error, slow, garbage, unauthorized) can be switched on, and
 *   HOSTILE ones: `redirect` (307 to a second loopback origin that counts what reaches it),
 *   `unavailable` (503 with `Retry-After: retryAfterSeconds`) and `endless_body` (a 200 whose
 *   body never ends).
 *
 * @module
 */
import { verifyStamp } from "@spkey/contracts/stamp";
import {
  endlessJsonResponse,
  type RedirectTarget,
  redirectTo,
  startRedirectTarget,
} from "./hostile_http.ts";
import { pause, serveLoopback } from "./loopback_server.ts";

/** A fault the stand-in can simulate. */
export type TurnkeyStandinFault =
  | "rate_limit_once"
  | "server_error"
  | "slow"
  | "garbage"
  | "unauthorized"
  | "redirect"
  | "unavailable"
  | "endless_body";

/** Options of {@linkcode startTurnkeyStandin}. */
export interface TurnkeyStandinOptions {
  /**
   * Users by `"organizationId:userId"` or by `"userId"` (in the stand-in's own organization).
   * Values are served as-is, so a test can serve an invalid user. Default: the demo user.
   */
  users?: Record<string, unknown>;
  /** The stand-in's organization; default {@linkcode turnkeyStandinOrganizationId}. */
  organizationId?: string;
  /** Compressed public keys allowed to call; default the demo API key's. */
  trustedPublicKeys?: string[];
  /** How long the `slow` fault delays an answer, in ms; default 5000. */
  slowMs?: number;
  /** The `Retry-After` of the `unavailable` fault, in seconds; default 5. */
  retryAfterSeconds?: number;
}

/** The last request the stand-in received, for exact-bytes assertions. */
export interface TurnkeyStandinRequest {
  /** The raw body, exactly as received. */
  body: string;
  /** The `X-Stamp` header, or `null`. */
  stamp: string | null;
}

/** A running stand-in. */
export interface TurnkeyStandin {
  /** Base URL, e.g. `http://127.0.0.1:41234` (use as the client's `baseUrl`). */
  readonly url: string;
  /** The stand-in's organization id. */
  readonly organizationId: string;
  /** Requests received so far, any path, including faulted ones. */
  readonly requests: number;
  /** The last request received, if any. */
  readonly lastRequest: TurnkeyStandinRequest | undefined;
  /** Requests that reached the `redirect` fault's target origin (a client must send none). */
  readonly redirectTargetRequests: number;
  /** Switches a fault on (`null`: off). `rate_limit_once` switches itself off after one use. */
  setFault(fault: TurnkeyStandinFault | null): void;
  /** Stops the server; pending slow answers are cut short. */
  close(): Promise<void>;
}

/** The demo API key the stand-in trusts by default. A throwaway key, for the stand-in only. */
export const turnkeyStandinApiKey = {
  apiPublicKey: "0363db750ffeb567a74da4a8f471b92bd087d85957c8e40c8a1d243bae421f28fe",
  apiPrivateKey: "a04aae328d02e7b6dc1f44fed83f16c2a53df65c48cb96ae58a42548e1d61a19",
} as const;

/** The stand-in's default organization id. */
export const turnkeyStandinOrganizationId = "597ee5fc-31b7-4731-9fa6-d37e41fad588";

const at = (seconds: number) => ({ seconds: String(seconds), nanos: "0" });

/**
 * A realistic Turnkey user (passkey, a session key that expires, a long-lived API key, a Google
 * login, one tag, two MFA policies shaped as Turnkey's swagger defines `v1MfaPolicy`), served by
 * default under {@linkcode turnkeyStandinOrganizationId}.
 */
export const turnkeyDemoUser = {
  userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
  userName: "Ana Lima",
  userEmail: "ana.lima@example.com",
  userPhoneNumber: "+15555550123",
  authenticators: [
    {
      transports: ["AUTHENTICATOR_TRANSPORT_INTERNAL", "AUTHENTICATOR_TRANSPORT_HYBRID"],
      attestationType: "none",
      aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
      credentialId: "q1xS0Qm7Q0mS8d2Hc3N2bWx0ZXN0LXBhc3NrZXk",
      model: "iCloud Keychain",
      credential: {
        publicKey: "03204cbae9186ca57f1dfedc26d615834923de820dc757be64ef04a56e0645ff6d",
        type: "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR",
      },
      authenticatorId: "9e40e520-0b44-4746-ba85-6aa45ae28df7",
      authenticatorName: "Ana's iPhone",
      createdAt: at(1767225600),
      updatedAt: at(1767225600),
    },
  ],
  apiKeys: [
    {
      credential: {
        publicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
        type: "CREDENTIAL_TYPE_READ_WRITE_SESSION_KEY_P256",
      },
      apiKeyId: "35dcdf0e-43fa-4d42-b1d0-77fdb2768f35",
      apiKeyName: "Session Key 2026-11-20",
      createdAt: at(1795132800),
      updatedAt: at(1795132800),
      expirationSeconds: "900",
    },
    {
      credential: {
        publicKey: "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae",
        type: "CREDENTIAL_TYPE_API_KEY_P256",
      },
      apiKeyId: "49ff4195-0697-44e0-ac96-bb5f6869bc70",
      apiKeyName: "lock-gateway",
      createdAt: at(1769904000),
      updatedAt: at(1769904000),
    },
  ],
  userTags: ["2df962bc-f2b8-4b19-9db7-7bf6e7a9a2c2"],
  oauthProviders: [
    {
      providerId: "c0d7a8e2-5b1f-4e39-9f0a-3d6b2c1e4f58",
      providerName: "Google",
      issuer: "https://accounts.google.com",
      audience: "123456789012-spkeydemo.apps.googleusercontent.com",
      subject: "109876543210987654321",
      createdAt: at(1767225600),
      updatedAt: at(1767225600),
    },
  ],
  createdAt: at(1767225600),
  updatedAt: at(1795132800),
  mfaPolicies: [
    {
      mfaPolicyId: "b3f7c2d4-1e5a-4c8b-9f06-2a7d4e9c1b53",
      mfaPolicyName: "Passkey or email code to sign",
      condition: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
      requiredAuthenticationMethods: [
        {
          any: [
            { type: "AUTHENTICATION_TYPE_PASSKEY" },
            { type: "AUTHENTICATION_TYPE_EMAIL_OTP" },
          ],
        },
      ],
      order: 0,
      notes: "Every signature needs a second factor.",
      createdAt: at(1769904000),
      updatedAt: at(1769904000),
    },
    {
      mfaPolicyId: "e1a9d6c0-7b42-4f3e-8c5d-0f6b2a8e4d17",
      mfaPolicyName: "Wallet export: session, then SMS",
      condition: "activity.resource == 'WALLET' && activity.action == 'EXPORT'",
      requiredAuthenticationMethods: [
        {
          any: [{
            type: "AUTHENTICATION_TYPE_SESSION",
            id: "0c4e8a2f-6d1b-4b9e-a7f3-5e2d9c8b1a60",
          }],
        },
        { any: [{ type: "AUTHENTICATION_TYPE_SMS_OTP" }] },
      ],
      order: 1,
      createdAt: at(1771632000),
      updatedAt: at(1795132800),
    },
  ],
};

const GET_USER_PATH = "/public/v1/query/get_user";
const DETAIL_TYPE = "type.googleapis.com/errors.v1.TurnkeyErrorDetail";

/** A Turnkey-shaped error response. `grpcCode` follows google.rpc.Code. */
function turnkeyError(
  status: number,
  grpcCode: number,
  message: string,
  turnkeyErrorCode?: string,
  headers?: HeadersInit,
): Response {
  const details = turnkeyErrorCode ? [{ "@type": DETAIL_TYPE, turnkeyErrorCode }] : [];
  return Response.json(
    { code: grpcCode, message, details, turnkeyErrorCode: turnkeyErrorCode ?? "" },
    { status, headers },
  );
}

/**
 * Starts the Turnkey stand-in on `127.0.0.1` and a free port.
 *
 * @param options Users, organization, trusted keys.
 * @returns The running stand-in; `close()` it when done.
 */
export function startTurnkeyStandin(options: TurnkeyStandinOptions = {}): Promise<TurnkeyStandin> {
  const organizationId = options.organizationId ?? turnkeyStandinOrganizationId;
  const users = options.users ?? { [turnkeyDemoUser.userId]: turnkeyDemoUser };
  const trustedPublicKeys = options.trustedPublicKeys ?? [turnkeyStandinApiKey.apiPublicKey];
  const slowMs = options.slowMs ?? 5_000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  let redirectTarget: RedirectTarget | null = null;
  let fault: TurnkeyStandinFault | null = null;
  let requests = 0;
  let lastRequest: TurnkeyStandinRequest | undefined;

  function findUser(org: string, userId: string): unknown {
    const scoped = users[`${org}:${userId}`];
    if (scoped !== undefined) return scoped;
    return org === organizationId ? users[userId] : undefined;
  }

  async function handle(request: Request, stopping: AbortSignal): Promise<Response> {
    requests++;
    const path = new URL(request.url).pathname;
    if (path !== GET_USER_PATH) return turnkeyError(404, 5, "Not Found");
    if (request.method !== "POST") return turnkeyError(405, 12, "Method Not Allowed");
    const body = await request.text();
    const stamp = request.headers.get("x-stamp");
    lastRequest = { body, stamp };

    switch (fault) {
      case "rate_limit_once":
        fault = null;
        return turnkeyError(429, 8, "rate limit exceeded, please retry later", "RATE_LIMITED", {
          "Retry-After": "0",
        });
      case "server_error":
        return turnkeyError(500, 13, "internal server error");
      case "garbage":
        return new Response("<html><body>502 upstream hiccup</body></html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        });
      case "unauthorized":
        return turnkeyError(401, 16, "API key expired", "API_KEY_EXPIRED");
      case "slow":
        // Only `stopping` cuts this short: Deno warns about reading request.signal in handlers.
        await pause(slowMs, stopping);
        break;
      case "redirect":
        redirectTarget ??= startRedirectTarget();
        return redirectTo(redirectTarget, request);
      case "unavailable":
        return turnkeyError(503, 14, "service unavailable", undefined, {
          "Retry-After": String(retryAfterSeconds),
        });
      case "endless_body":
        return endlessJsonResponse('{"user":{"userTags":[', '"endless"', stopping);
    }

    if (stamp === null) {
      return turnkeyError(
        401,
        16,
        "request is not stamped: missing X-Stamp header",
        "STAMP_MISSING",
      );
    }
    // Accepted exactly when verifyStamp with the trusted keys says so (integrity AND identity);
    // a refusal then says which check failed, as Turnkey does.
    if (!(await verifyStamp(body, stamp, { trustedPublicKeys }))) {
      return await verifyStamp(body, stamp)
        ? turnkeyError(
          401,
          16,
          "could not find public key in organization. Check that the public key is correct and belongs to the organization",
          "PUBLIC_KEY_NOT_FOUND",
        )
        : turnkeyError(
          401,
          16,
          "could not verify stamp: malformed stamp or invalid signature over the request body",
          "STAMP_INVALID",
        );
    }

    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      input = undefined;
    }
    const { organizationId: org, userId } = (input ?? {}) as Record<string, unknown>;
    if (typeof org !== "string" || org === "" || typeof userId !== "string" || userId === "") {
      return turnkeyError(
        400,
        3,
        "invalid request body: organizationId and userId are required strings",
        "INVALID_REQUEST",
      );
    }
    const user = findUser(org, userId);
    if (user === undefined) {
      return turnkeyError(404, 5, `user not found: ${userId}`, "USER_NOT_FOUND");
    }
    return Response.json({ user });
  }

  const server = serveLoopback(handle);
  return Promise.resolve({
    url: server.url,
    organizationId,
    get requests() {
      return requests;
    },
    get lastRequest() {
      return lastRequest;
    },
    get redirectTargetRequests() {
      return redirectTarget?.requests ?? 0;
    },
    setFault(next) {
      fault = next;
    },
    async close() {
      await server.close();
      await redirectTarget?.close();
    },
  });
}
