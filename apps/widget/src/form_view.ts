/**
 * The credentials form shown when the host page gives no credentials (or no user id): password
 * inputs for the admin key and JWT, a user-id input when needed. Values live in memory only; the
 * form is never submitted to a URL.
 *
 * @module
 */
import { html, type SafeHtml } from "./html.ts";

/** Which inputs the form needs. */
export interface FormNeeds {
  needUserId: boolean;
  needCredentials: boolean;
}

function field(
  id: string,
  label: string,
  type: "text" | "password",
  hint: string | null,
): SafeHtml {
  return html`<div class="field">
    <label for="${id}" part="label">${label}</label>
    <input id="${id}" name="${id}" type="${type}" part="input" required autocomplete="off"
      spellcheck="false" autocapitalize="off"${
    hint
      ? html`
        aria-describedby="${id}-hint"
      `
      : null
  }>
    ${hint ? html`<small id="${id}-hint" class="muted">${hint}</small>` : null}
  </div>`;
}

/**
 * Renders the form with only the inputs that are missing, and an optional problem to fix.
 *
 * @example
 * ```ts
 * import { renderCredentialsForm } from "./form_view.ts";
 * const out = renderCredentialsForm({ needUserId: false, needCredentials: true }).value;
 * console.assert(out.includes('type="password"') && !out.includes('id="user-id"'));
 * ```
 */
export function renderCredentialsForm(needs: FormNeeds, problem: string | null = null): SafeHtml {
  return html`<form class="form" part="form" aria-labelledby="form-h" novalidate>
    <h3 id="form-h">${needs.needCredentials ? "Admin sign-in" : "Which user?"}</h3>
    ${
    needs.needCredentials
      ? html`<p class="muted">Kept in this page's memory only; never stored or put in the URL.</p>`
      : null
  }
    ${needs.needUserId ? field("user-id", "User ID", "text", "The B2C user's UUID.") : null}
    ${needs.needCredentials ? field("admin-key", "Admin API key", "password", null) : null}
    ${needs.needCredentials ? field("jwt", "Admin JWT", "password", null) : null}
    <p class="problem" data-form-error${
    problem ? null : html`
      hidden
    `
  }>${problem}</p>
    <button type="submit" class="btn primary" part="button submit-button">Load diagnostics</button>
  </form>`;
}

/**
 * A one-line form to look up another user, shown above a report when the user id came from the
 * form (no `user-id` attribute), e.g. on the app's `/admin` page.
 *
 * @example
 * ```ts
 * import { renderLookupForm } from "./form_view.ts";
 * console.assert(renderLookupForm("u-1").value.includes('value="u-1"'));
 * ```
 */
export function renderLookupForm(currentUserId: string): SafeHtml {
  return html`
    <form class="lookup" part="form lookup-form" aria-label="Look up another user" novalidate>
      <label for="user-id" part="label">User ID</label>
      <input id="user-id" name="user-id" type="text" part="input" required autocomplete="off"
        spellcheck="false" autocapitalize="off" value="${currentUserId}">
      <button type="submit" class="btn" part="button lookup-button">Look up</button>
      <p class="problem" data-form-error hidden></p>
    </form>
  `;
}
