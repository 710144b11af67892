/**
 * The optional Turnkey panel: the Turnkey user's name and email, authenticators, API keys with
 * their expiry, OAuth providers, MFA policies and tags. Reading is lenient: unknown enum values and
 * missing fields render as text or "None" instead of breaking the panel, and a user without
 * `mfaPolicies` (older Turnkey API versions) shows them as not reported rather than as none.
 *
 * @module
 */
import { type ApiKeyExpiry, apiKeyExpiry } from "./api_key_expiry.ts";
import type { AdminFailure } from "@spkey/contracts/admin-client";
import { badge, type Tone } from "./badge.ts";
import { renderFailure } from "./failure_view.ts";
import { html, type SafeHtml } from "./html.ts";
import { formatUtc, type TurnkeyTimestamp, turnkeyTimestampToMillis } from "./time.ts";

/** The parts of a Turnkey `get_user` user the panel shows; every field may be absent. */
export interface TurnkeyUserView {
  userId?: string;
  userName?: string;
  userEmail?: string;
  userPhoneNumber?: string;
  authenticators?: {
    authenticatorName?: string;
    transports?: string[];
    model?: string;
    credential?: { type?: string };
    createdAt?: TurnkeyTimestamp;
  }[];
  apiKeys?: {
    apiKeyName?: string;
    apiKeyId?: string;
    credential?: { type?: string };
    createdAt?: TurnkeyTimestamp;
    expirationSeconds?: string;
  }[];
  oauthProviders?: {
    providerName?: string;
    issuer?: string;
    subject?: string;
    createdAt?: TurnkeyTimestamp;
  }[];
  mfaPolicies?: TurnkeyMfaPolicyView[];
  userTags?: string[];
  createdAt?: TurnkeyTimestamp;
}

/** The parts of a Turnkey MFA policy the panel shows; every field may be absent. */
export interface TurnkeyMfaPolicyView {
  mfaPolicyId?: string;
  mfaPolicyName?: string;
  condition?: string;
  /** Steps satisfied one after another; a step is satisfied by any one of its methods. */
  requiredAuthenticationMethods?: { any?: { type?: string; id?: string }[] }[];
  order?: number;
  notes?: string;
  updatedAt?: TurnkeyTimestamp;
}

/** What the Turnkey panel is showing. */
export type TurnkeyPanelState =
  | { kind: "loading" }
  | { kind: "loaded"; user: TurnkeyUserView }
  | { kind: "failure"; failure: AdminFailure };

/**
 * Picks the user out of a `get_user` answer (`{ user }`, or a bare user object); `null` when the
 * answer has no user object.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { turnkeyUserFromBody } from "./turnkey_view.ts";
 * assertEquals(turnkeyUserFromBody({ user: { userName: "Ada" } })?.userName, "Ada");
 * assertEquals(turnkeyUserFromBody([]), null);
 * ```
 */
export function turnkeyUserFromBody(body: unknown): TurnkeyUserView | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const user = "user" in body ? (body as { user: unknown }).user : body;
  return typeof user === "object" && user !== null && !Array.isArray(user)
    ? user as TurnkeyUserView
    : null;
}

const TRANSPORTS: Record<string, string> = {
  BLE: "Bluetooth",
  INTERNAL: "Built-in",
  NFC: "NFC",
  USB: "USB",
  HYBRID: "Hybrid (phone)",
};

/**
 * A readable name for an authenticator transport enum; unknown values keep their own name.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { transportLabel } from "./turnkey_view.ts";
 * assertEquals(transportLabel("AUTHENTICATOR_TRANSPORT_USB"), "USB");
 * ```
 */
export function transportLabel(transport: string): string {
  const short = String(transport).replace(/^AUTHENTICATOR_TRANSPORT_/, "");
  return TRANSPORTS[short] ?? short;
}

/**
 * A readable name for a credential type enum: `CREDENTIAL_TYPE_API_KEY_P256` → `API KEY P256`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { credentialTypeLabel } from "./turnkey_view.ts";
 * assertEquals(credentialTypeLabel("CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR"), "Passkey (WebAuthn)");
 * ```
 */
export function credentialTypeLabel(type: string | undefined): string {
  if (!type) return "Unknown";
  const short = type.replace(/^CREDENTIAL_TYPE_/, "");
  return short === "WEBAUTHN_AUTHENTICATOR" ? "Passkey (WebAuthn)" : short.replaceAll("_", " ");
}

const AUTHENTICATION_TYPES: Record<string, string> = {
  EMAIL_OTP: "Email code",
  SMS_OTP: "SMS code",
  PASSKEY: "Passkey",
  API_KEY: "API key",
  OAUTH: "OAuth login",
  SESSION: "Session",
};

/**
 * A readable name for an authentication type enum (an MFA method); unknown values keep their own
 * name, without the prefix.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { authenticationTypeLabel } from "./turnkey_view.ts";
 * assertEquals(authenticationTypeLabel("AUTHENTICATION_TYPE_EMAIL_OTP"), "Email code");
 * assertEquals(authenticationTypeLabel("AUTHENTICATION_TYPE_HARDWARE_TOKEN"), "HARDWARE TOKEN");
 * ```
 */
export function authenticationTypeLabel(type: string | undefined): string {
  if (!type) return "Unknown method";
  const short = String(type).replace(/^AUTHENTICATION_TYPE_/, "");
  return AUTHENTICATION_TYPES[short] ?? short.replaceAll("_", " ");
}

const EXPIRY_BADGE: Record<ApiKeyExpiry["state"], [Tone, string]> = {
  none: ["info", "No expiry"],
  unknown: ["warn", "Expiry unreadable"],
  active: ["ok", "Active"],
  expiring: ["warn", "Expires soon"],
  expired: ["bad", "Expired"],
};

const none = html`<span class="muted">None</span>`;

function text(value: string | undefined | null): SafeHtml {
  return value ? html`${value}` : none;
}

function when(timestamp: TurnkeyTimestamp | undefined): SafeHtml {
  const ms = turnkeyTimestampToMillis(timestamp);
  return ms === null
    ? none
    : html`<time datetime="${new Date(ms).toISOString()}">${formatUtc(ms)}</time>`;
}

function details(rows: [string, SafeHtml][]): SafeHtml {
  return html`<dl>${
    rows.map(([term, detail]) =>
      html`
        <div>
          <dt>${term}</dt>
          <dd>${detail}</dd>
        </div>
      `
    )
  }</dl>`;
}

function group(id: string, title: string, items: SafeHtml[]): SafeHtml {
  return html`<section class="group" aria-labelledby="tk-${id}-h" data-group="${id}">
    <h4 id="tk-${id}-h">${title} <span class="count">(${items.length})</span></h4>
    ${items.length ? html`<ul role="list" class="items">${items}</ul>` : html`<p>${none}</p>`}
  </section>`;
}

/** One MFA step: its methods, any one of which satisfies it. */
function mfaStep(step: { any?: { type?: string; id?: string }[] }): SafeHtml {
  const methods = (step.any ?? []).map((method, i) => {
    const or = i > 0 ? " or " : "";
    // The space stays outside the template: deno fmt would wrap a leading one onto its own line.
    const id = method.id ? [" ", html`<code>${method.id}</code>`] : "";
    return html`${or}${authenticationTypeLabel(method.type)}${id}`;
  });
  return methods.length ? html`${methods}` : none;
}

/** Policies in the order Turnkey evaluates them (by `order`; unknown order last). */
function byOrder(policies: TurnkeyMfaPolicyView[]): TurnkeyMfaPolicyView[] {
  const rank = (p: TurnkeyMfaPolicyView) => typeof p.order === "number" ? p.order : Infinity;
  return [...policies].sort((a, b) => rank(a) - rank(b));
}

function mfaPolicy(policy: TurnkeyMfaPolicyView): SafeHtml {
  const steps = policy.requiredAuthenticationMethods ?? [];
  return html`<li class="item" part="item" data-mfa-policy="${policy.mfaPolicyId ?? ""}"><strong>${
    policy.mfaPolicyName || "Unnamed MFA policy"
  }</strong>
    ${
    details([
      ["Applies when", policy.condition ? html`<code>${policy.condition}</code>` : none],
      ...(steps.length
        ? steps.map((step, i) => [`Step ${i + 1}`, mfaStep(step)] as [string, SafeHtml])
        : [["Steps", none] as [string, SafeHtml]]),
      ["Order", typeof policy.order === "number" ? html`${policy.order}` : none],
      ...(policy.notes ? [["Notes", text(policy.notes)] as [string, SafeHtml]] : []),
      ["Updated", when(policy.updatedAt)],
    ])
  }</li>`;
}

/** The MFA policies group; "not reported" when Turnkey's answer has no list at all. */
function mfaPolicies(policies: TurnkeyMfaPolicyView[] | undefined): SafeHtml {
  if (policies === undefined) {
    return html`
      <section class="group" aria-labelledby="tk-mfa-h" data-group="mfa">
        <h4 id="tk-mfa-h">MFA policies</h4>
        <p class="muted">Not reported by this Turnkey API version.</p>
      </section>
    `;
  }
  return group("mfa", "MFA policies", byOrder(policies).map(mfaPolicy));
}

/**
 * Renders a loaded Turnkey user. `now` decides which API keys count as expired.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderTurnkeyUser } from "./turnkey_view.ts";
 * const out = renderTurnkeyUser({ userName: "Ada", apiKeys: [{ apiKeyName: "ci" }] }, 0).value;
 * assertStringIncludes(out, "No expiry");
 * ```
 */
export function renderTurnkeyUser(user: TurnkeyUserView, now: number): SafeHtml {
  const authenticators = (user.authenticators ?? []).map((a) =>
    html`<li class="item" part="item"><strong>${
      a.authenticatorName || "Unnamed authenticator"
    }</strong>
      ${
      details([
        ["Transports", text((a.transports ?? []).map(transportLabel).join(", "))],
        ["Model", text(a.model)],
        ["Created", when(a.createdAt)],
      ])
    }</li>`
  );
  const apiKeys = (user.apiKeys ?? []).map((k) => {
    const expiry = apiKeyExpiry(k.createdAt, k.expirationSeconds, now);
    const [tone, label] = EXPIRY_BADGE[expiry.state];
    const expires = "expiresAt" in expiry
      ? html`<time datetime="${new Date(expiry.expiresAt).toISOString()}">${
        formatUtc(expiry.expiresAt)
      }</time>`
      : html`${label}`;
    return html`<li class="item" part="item" data-expiry="${expiry.state}"><strong>${
      k.apiKeyName || k.apiKeyId || "Unnamed key"
    }</strong> ${badge(tone, label)}
      ${
      details([
        ["Type", text(credentialTypeLabel(k.credential?.type))],
        ["Created", when(k.createdAt)],
        ["Expires", expires],
      ])
    }</li>`;
  });
  const providers = (user.oauthProviders ?? []).map((p) =>
    html`<li class="item" part="item"><strong>${p.providerName || "Unnamed provider"}</strong>
      ${
      details([["Issuer", text(p.issuer)], ["Subject", text(p.subject)], [
        "Linked",
        when(p.createdAt),
      ]])
    }</li>`
  );
  const tags = user.userTags ?? [];
  return html`${
    details([
      ["Name", text(user.userName)],
      ["Email", text(user.userEmail)],
      ...(user.userPhoneNumber
        ? [["Phone", text(user.userPhoneNumber)] as [string, SafeHtml]]
        : []),
      ["Turnkey user ID", user.userId ? html`<code>${user.userId}</code>` : none],
      ["Created", when(user.createdAt)],
    ])
  }
    ${group("authenticators", "Authenticators", authenticators)}
    ${group("api-keys", "API keys", apiKeys)}
    ${group("oauth", "OAuth providers", providers)}
    ${mfaPolicies(user.mfaPolicies)}
    <section class="group" aria-labelledby="tk-tags-h" data-group="tags">
      <h4 id="tk-tags-h">Tags <span class="count">(${tags.length})</span></h4>
      ${
    tags.length
      ? html`<ul role="list" class="chips">${tags.map((t) => html`<li>${t}</li>`)}</ul>`
      : html`<p>${none}</p>`
  }
    </section>`;
}

/**
 * Renders the Turnkey panel in any of its states (loading, loaded, failed).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderTurnkeyPanel } from "./turnkey_view.ts";
 * assertStringIncludes(renderTurnkeyPanel({ kind: "loading" }, 0).value, 'aria-busy="true"');
 * ```
 */
export function renderTurnkeyPanel(state: TurnkeyPanelState, now: number): SafeHtml {
  return html`
    <section class="turnkey" part="turnkey" aria-labelledby="tk-h" data-state="${state.kind}"
      aria-busy="${state.kind === "loading" ? "true" : "false"}">
        <h3 id="tk-h">Turnkey user</h3>
        ${state.kind === "loading"
          ? html`<p class="muted">Loading the Turnkey user…</p>`
          : state.kind === "failure"
          ? renderFailure(state.failure, "turnkey")
          : renderTurnkeyUser(state.user, now)}
      </section>
  `;
}
