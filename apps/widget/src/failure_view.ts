/**
 * Failed requests in plain language: each status gets its own kind, title and advice, and the
 * server's request id is shown so support can quote it.
 *
 * @module
 */
import type { AdminFailure } from "@spkey/contracts/admin-client";
import { badge } from "./badge.ts";
import { html, type SafeHtml } from "./html.ts";
import { formatDuration } from "./time.ts";

/** Which request failed: the diagnostics report or the Turnkey panel. */
export type FailureSource = "report" | "turnkey";

/** A failure classified for display. `kind` is stable (tests and hosts may key on it). */
export interface FailureDescription {
  kind:
    | "network"
    | "bad-request"
    | "unauthorized"
    | "forbidden"
    | "not-found"
    | "rate-limited"
    | "upstream"
    | "unavailable"
    | "timeout"
    | "server-error"
    | "invalid-response"
    | "error";
  title: string;
  advice: string;
}

/**
 * Classifies a failure by status (0 = network) for the given request.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeFailure } from "./failure_view.ts";
 * assertEquals(describeFailure({ status: 403, retryAfterSeconds: null }, "report").kind, "forbidden");
 * ```
 */
export function describeFailure(
  failure: Pick<AdminFailure, "status" | "retryAfterSeconds">,
  source: FailureSource,
): FailureDescription {
  const turnkey = source === "turnkey";
  const wait = failure.retryAfterSeconds === null
    ? "Wait a moment, then refresh."
    : `Try again in ${formatDuration(failure.retryAfterSeconds)}.`;
  switch (failure.status) {
    case 0:
      return {
        kind: "network",
        title: "Cannot reach the diagnostics API",
        advice: "Check the connection and the widget's api-base setting, then refresh.",
      };
    case 400:
      return turnkey
        ? {
          kind: "bad-request",
          title: "Turnkey request rejected",
          advice: "Check the Turnkey user ID and organization ID.",
        }
        : {
          kind: "bad-request",
          title: "That user ID is not valid",
          advice: "User IDs are UUIDs, like 0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d.",
        };
    case 401:
      return {
        kind: "unauthorized",
        title: "Not signed in",
        advice: "The admin API key or JWT is missing, wrong or expired. Provide fresh credentials.",
      };
    case 403:
      return {
        kind: "forbidden",
        title: "Not an admin",
        advice: "The credentials are valid, but this account may not use admin diagnostics.",
      };
    case 404:
      return {
        kind: "not-found",
        title: turnkey ? "No such Turnkey user" : "Not found",
        advice: turnkey
          ? "Turnkey has no user with this ID in the organization."
          : "The API has no such route; check the api-base setting.",
      };
    case 429:
      return { kind: "rate-limited", title: "Too many attempts", advice: wait };
    case 502:
      return {
        kind: "upstream",
        title: turnkey ? "Turnkey request failed" : "Upstream service failed",
        advice: turnkey
          ? "Turnkey rejected the server's API key or answered something unreadable."
          : "A service behind the API failed. Refresh in a moment.",
      };
    case 503:
      return turnkey
        ? {
          kind: "unavailable",
          title: "Turnkey is not configured",
          advice: "This server has no Turnkey settings, so the panel cannot load.",
        }
        : { kind: "unavailable", title: "Service unavailable", advice: wait };
    case 504:
      return {
        kind: "timeout",
        title: turnkey ? "Turnkey did not answer in time" : "Upstream timed out",
        advice: "Refresh to try again.",
      };
  }
  if (failure.status >= 200 && failure.status < 300) {
    return {
      kind: "invalid-response",
      title: "Unexpected answer",
      advice: "The API answered, but not with the expected data. Check the api-base setting.",
    };
  }
  return failure.status >= 500
    ? { kind: "server-error", title: "Server error", advice: "Refresh in a moment." }
    : { kind: "error", title: "Request failed", advice: "Refresh to try again." };
}

/**
 * Renders a failure box: status badge, title, advice, the server's message and its request id.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderFailure } from "./failure_view.ts";
 * const out = renderFailure({ status: 401, envelope: null, message: "Nope.", retryAfterSeconds: null, requestId: "req_1" }, "report").value;
 * assertStringIncludes(out, "req_1");
 * ```
 */
export function renderFailure(failure: AdminFailure, source: FailureSource): SafeHtml {
  const d = describeFailure(failure, source);
  const statusText = failure.status === 0
    ? "Network error"
    : `${failure.status}${failure.envelope ? ` ${failure.envelope.error}` : ""}`;
  return html`
    <section class="failure" part="error" data-kind="${d.kind}"
      data-status="${failure.status}" aria-labelledby="${source}-failure-h">
        <h3 id="${source}-failure-h">${badge("bad", statusText)} <span>${d.title}</span></h3>
        <p>${d.advice}</p>
        <p class="muted">${failure.message}</p>
        ${failure.requestId
          ? html`<p class="rid">Request ID: <code data-request-id>${failure.requestId}</code></p>`
          : null}
      </section>
  `;
}
