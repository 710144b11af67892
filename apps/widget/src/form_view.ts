/**
 * The forms: the credentials form shown when the host page gives no credentials (or nothing to
 * look up), with password inputs for the admin key and JWT and, when needed, the search field;
 * and the one-line search form above a report or a search answer. The search field takes a user
 * ID or an email (see `lookup.ts`). Values live in memory only; no form is ever submitted to a
 * URL.
 *
 * @module
 */
import { html, type SafeHtml } from "./html.ts";

/** Which inputs the credentials form needs. */
export interface FormNeeds {
  /** The search field: a user ID or an email. */
  needSubject: boolean;
  needCredentials: boolean;
}

const LOOKUP_LABEL = "User ID or email";

function field(
  id: string,
  label: string,
  type: "text" | "password",
  hint: string | null,
  value = "",
  invalid = false,
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
  }${
    value
      ? html`
        value="${value}"
      `
      : null
  }${
    invalid
      ? html`
        aria-invalid="true" data-focus
      `
      : null
  }>
    ${hint ? html`<small id="${id}-hint" class="muted">${hint}</small>` : null}
  </div>`;
}

/**
 * Renders the form with only the inputs that are missing, an optional problem to fix, and what
 * the search field starts with (`lookup`; with a problem it is marked invalid and is where focus
 * goes, `data-focus`).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { renderCredentialsForm } from "./form_view.ts";
 * const out = renderCredentialsForm({ needSubject: false, needCredentials: true }).value;
 * assert(out.includes('type="password"') && !out.includes('id="lookup"'));
 * ```
 */
export function renderCredentialsForm(
  needs: FormNeeds,
  problem: string | null = null,
  lookup = "",
): SafeHtml {
  return html`<form class="form" part="form" aria-labelledby="form-h" novalidate>
    <h3 id="form-h">${needs.needCredentials ? "Admin sign-in" : "Which user?"}</h3>
    ${
    needs.needCredentials
      ? html`<p class="muted">Kept in this page's memory only; never stored or put in the URL.</p>`
      : null
  }
    ${
    needs.needSubject
      ? field(
        "lookup",
        LOOKUP_LABEL,
        "text",
        "A user's UUID opens their report; an email address finds the users who have it.",
        lookup,
        problem !== null && lookup !== "",
      )
      : null
  }
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
 * The one-line search form above a report, a search answer or a failure when the subject came
 * from the form (no `user-id` attribute), e.g. on the app's `/admin` page. It is the page's search
 * landmark. With `focus`, the field is where focus goes when the body is rendered (`data-focus`).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderLookupForm } from "./form_view.ts";
 * assertStringIncludes(renderLookupForm("u-1").value, 'value="u-1"');
 * ```
 */
export function renderLookupForm(current: string, focus = false): SafeHtml {
  return html`
    <form class="lookup" part="form lookup-form" role="search" aria-label="Find a user" novalidate>
      <label for="lookup" part="label">${LOOKUP_LABEL}</label>
      <input id="lookup" name="lookup" type="text" part="input" required autocomplete="off"
        spellcheck="false" autocapitalize="off" value="${current}" ${focus
          ? html`
            data-focus
          `
          : null}>
      <button type="submit" class="btn" part="button lookup-button">Look up</button>
      <p class="problem" data-form-error hidden></p>
    </form>
  `;
}
