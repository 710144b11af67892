/**
 * The answer of a search by email: a short list of the matching users to pick from (stored email,
 * user id, whether a 3dEye mapping exists, when the user was created), a clear empty state, and
 * the line above a report that says how it was found. Pure: answer in, markup out.
 *
 * @module
 */
import type { ThreedeyeUserSearch, UserSearchCandidate } from "@spkey/contracts";
import { badge } from "./badge.ts";
import { html, type SafeHtml } from "./html.ts";
import { formatUtc } from "./time.ts";

const usersWord = (n: number) => (n === 1 ? "1 user" : `${n} users`);

function candidateItem(candidate: UserSearchCandidate): SafeHtml {
  const created = candidate.createdAt === null ? null : formatUtc(candidate.createdAt);
  return html`
    <li class="candidate" part="candidate" data-candidate="${candidate.userId}">
      <p class="who">
        <strong>${candidate.email}</strong>
        ${candidate.hasThreedeyeMapping
          ? badge("ok", "3dEye mapping")
          : badge("warn", "No 3dEye mapping")}
      </p>
      <dl>
        <div>
          <dt>User ID</dt>
          <dd><code>${candidate.userId}</code></dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>${created === null
            ? html`<span class="muted">Unknown</span>`
            : html`<time datetime="${candidate.createdAt}">${created}</time>`}</dd>
        </div>
      </dl>
      <button type="button" class="btn" part="button open-button" data-action="open"
        data-user-id="${candidate.userId}">Open report<span class="sr"> for ${candidate.email},
        user ${candidate.userId}</span></button>
    </li>
  `;
}

/**
 * Renders a search answer that did not open a report by itself: the empty state for no match,
 * else the list of candidates, each with a button that opens its report. The list's heading is
 * where focus goes after the search (`data-focus`), so the next Tab reaches the first candidate;
 * the empty state has nothing to operate, so focus goes back to the search field instead.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderSearchAnswer } from "./search_view.ts";
 * const none = { email: "nobody@example.com", candidates: [], limit: 20, truncated: false };
 * assertStringIncludes(renderSearchAnswer(none).value, "No user with this email");
 * ```
 */
export function renderSearchAnswer(answer: ThreedeyeUserSearch): SafeHtml {
  const { candidates } = answer;
  if (candidates.length === 0) {
    return html`
      <section class="empty" part="empty" aria-labelledby="search-h" data-matches="0">
        <h3 id="search-h">No user with this email</h3>
        <p>No user has the email <strong>${answer.email}</strong>.</p>
        <p class="muted">Letter case of A–Z is ignored; every other character must match. Check the
          address for typos, try the one the user signed up with, or enter their user ID.</p>
      </section>
    `;
  }
  const heading = answer.truncated
    ? `More than ${usersWord(candidates.length)} have this email`
    : `${usersWord(candidates.length)} have this email`;
  return html`
    <section class="matches" part="matches" aria-labelledby="search-h"
      data-matches="${candidates.length}">
      <h3 id="search-h" tabindex="-1" data-focus>${heading}</h3>
      <p class="muted">Users with the email <strong>${answer.email}</strong> (letter case of A–Z
        ignored), oldest first. Open one to see its diagnostics.</p>
      ${answer.truncated
        ? html`
          <p class="notice" part="notice"
            data-notice="truncated">${badge(
              "warn",
              "List cut short",
            )} <span>Only the oldest ${candidates
              .length} are listed; more users have this email.</span></p>
        `
        : null}
      <ul role="list" class="candidates">${candidates.map(candidateItem)}</ul>
    </section>
  `;
}

/**
 * The line above a report opened from a search: the one match that opened by itself, or the
 * candidate picked from a list, with a button back to the list.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderFoundBy } from "./search_view.ts";
 * const answer = {
 *   email: "bob@example.com",
 *   candidates: [{ userId: "22222222-2222-4222-8222-222222222222", email: "bob@example.com", createdAt: null, hasThreedeyeMapping: false }],
 *   limit: 20,
 *   truncated: false,
 * };
 * assertStringIncludes(renderFoundBy(answer).value, "1 user has the email <strong>bob@example.com</strong>");
 * ```
 */
export function renderFoundBy(answer: ThreedeyeUserSearch): SafeHtml {
  const count = answer.candidates.length;
  return count === 1 && !answer.truncated
    ? html`<p class="found" part="found" data-found="1"><span>1 user has the email
      <strong>${answer.email}</strong>: their report is shown below.</span></p>`
    : html`<p class="found" part="found" data-found="${count}"><span>Picked from
      ${answer.truncated ? "more than " : null}${usersWord(count)} with the email
      <strong>${answer.email}</strong>.</span>
      <button type="button" class="btn" part="button back-button" data-action="back">Back to
      the list</button></p>`;
}

/**
 * What the live region says about a search answer shown as a list or an empty state.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { searchAnnouncement } from "./search_view.ts";
 * const none = { email: "nobody@example.com", candidates: [], limit: 20, truncated: false };
 * assertEquals(searchAnnouncement(none), "No user with this email.");
 * ```
 */
export function searchAnnouncement(answer: ThreedeyeUserSearch): string {
  const count = answer.candidates.length;
  if (count === 0) return "No user with this email.";
  return answer.truncated
    ? `More than ${
      usersWord(count)
    } found: the oldest ${count} are listed. Pick one to open its report.`
    : `${usersWord(count)} found. Pick one to open its report.`;
}
