/**
 * `<spkey-threedeye-diagnostics>`: the embeddable admin widget. Bundle entry; importing it
 * registers the element.
 *
 * ```html
 * <spkey-threedeye-diagnostics api-base="https://api.example" user-id="…"
 *   turnkey-user-id="…" turnkey-organization-id="…"></spkey-threedeye-diagnostics>
 * ```
 *
 * Without `user-id`, one search field takes a user ID (opens that report) or an email (finds the
 * users with it: one opens at once, several are listed to pick from, none is an empty state).
 * With the `deep-link` attribute the element owns the page's fragment: an open report is
 * `#user=<uuid>` (replaced in place, no history entry), and a page opened with such a fragment
 * opens that report once credentials are there. The `user-id` attribute, when set, wins and the
 * fragment is left alone.
 *
 * Credentials come from the host page, as `el.credentials = { adminKey, jwt }` or
 * `el.getCredentials = async () => ({ adminKey, jwt })` (asked on every load), or else from a
 * small form. They are kept in memory only. Events: `loaded` (detail: the report),
 * `turnkey-loaded` (detail: the Turnkey user) and `error` (detail: {@link WidgetErrorDetail}).
 * Theming: see `styles.ts` for the CSS custom properties and parts.
 *
 * @module
 */
import {
  type ApiError,
  explain,
  type ThreedeyeDiagnostics,
  type ThreedeyeUserSearch,
} from "@spkey/contracts";
import {
  type AdminCredentials,
  type AdminFailure,
  type AdminRequestOptions,
  diagnosticsUrl,
  getAdminJson,
  turnkeyUserUrl,
  userSearchUrl,
} from "@spkey/contracts/admin-client";
import { announcement, renderBody, type WidgetState } from "./body_view.ts";
import { copyText } from "./clipboard.ts";
import { linkToUser, readUserFragment } from "./deep_link.ts";
import { html, SafeHtml } from "./html.ts";
import { LOOKUP_HINT, type LookupSubject, parseLookup } from "./lookup.ts";
import { isDiagnosticsReport, isUserSearchAnswer } from "./report_guard.ts";
import { STYLES } from "./styles.ts";
import { renderTurnkeyPanel, type TurnkeyPanelState, turnkeyUserFromBody } from "./turnkey_view.ts";

/** The custom element's tag name. */
export const TAG_NAME = "spkey-threedeye-diagnostics";

/** Which request failed, or the host's credentials callback. */
export type WidgetErrorSource = "report" | "search" | "turnkey" | "credentials";

/** `detail` of the `error` event: the status (0 = network) and the envelope or a message. */
export interface WidgetErrorDetail {
  status: number;
  error: ApiError | string;
  requestId: string | null;
  source: WidgetErrorSource;
}

function validCredentials(value: unknown): AdminCredentials | null {
  const c = value as Partial<AdminCredentials> | null | undefined;
  return c && typeof c.adminKey === "string" && c.adminKey !== "" && typeof c.jwt === "string" &&
      c.jwt !== ""
    ? { adminKey: c.adminKey, jwt: c.jwt }
    : null;
}

function unexpected(status: number, requestId: string | null, what: string): AdminFailure {
  return {
    status,
    envelope: null,
    message: `The API answered, but not with ${what}.`,
    retryAfterSeconds: null,
    requestId,
  };
}

let styleSheet: CSSStyleSheet | null | undefined;

/**
 * One constructed stylesheet shared by every instance. Unlike a <style> element it is allowed by
 * a host page's strict `style-src` CSP; null where constructable stylesheets are unsupported.
 */
function sharedStyleSheet(): CSSStyleSheet | null {
  if (styleSheet === undefined) {
    try {
      styleSheet = new CSSStyleSheet();
      styleSheet.replaceSync(STYLES);
    } catch {
      styleSheet = null;
    }
  }
  return styleSheet;
}

const isAbort = (e: unknown) => (e as Error)?.name === "AbortError";

/** One load in flight: where to ask, with what, and how to tell it was superseded. */
interface Load {
  apiBase: string;
  credentials: AdminCredentials;
  options: AdminRequestOptions;
  stale: () => boolean;
}

const BROKEN_LINK =
  "The link's user ID is cut short or not a UUID. Enter the user ID or email to look up.";

/** The diagnostics widget element. */
export class SpkeyThreedeyeDiagnostics extends HTMLElement {
  static get observedAttributes(): string[] {
    return ["api-base", "user-id", "turnkey-user-id", "turnkey-organization-id", "deep-link"];
  }

  #root: ShadowRoot;
  #body: HTMLElement;
  #status: HTMLElement;
  #sub: HTMLElement;
  #title: HTMLElement;
  #refresh: HTMLButtonElement;
  #copyLink: HTMLButtonElement;
  #hostCredentials: AdminCredentials | null = null;
  #credentialsCallback: (() => Promise<AdminCredentials>) | null = null;
  #formCredentials: AdminCredentials | null = null;
  /** What the search field (or the page's `#user=` link) asked for. */
  #formSubject: LookupSubject | null = null;
  /** The search by email that led to the user in `#formSubject`, for "Back to the list". */
  #foundBy: ThreedeyeUserSearch | null = null;
  #linkProblem: string | null = null;
  #state: WidgetState | null = null;
  /** Focus was moved to the heading by a re-render and may move on to the next state's target. */
  #focusParked = false;
  #generation = 0;
  #abort: AbortController | null = null;
  #scheduled = false;
  #onHashChange = () => this.#followLink();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    const sheet = sharedStyleSheet();
    if (sheet) this.#root.adoptedStyleSheets = [sheet];
    this.#root.innerHTML = html`
      ${sheet ? null : html`<style>${new SafeHtml(STYLES)}</style>`}
      <section class="panel" part="panel" aria-labelledby="title">
        <header class="head" part="header">
          <div>
            <h2 id="title" part="title" tabindex="-1">3dEye diagnostics</h2>
            <p class="sub" id="sub"></p>
          </div>
          <div class="actions">
            <button type="button" class="btn" part="button copy-link-button" id="copy-link"
              hidden>Copy link</button>
            <button type="button" class="btn" part="button refresh-button" id="refresh">Refresh</button>
          </div>
        </header>
        <p class="status" part="status" id="status" role="status" aria-live="polite"></p>
        <div id="body" aria-busy="false"></div>
      </section>
    `.value;
    const $ = (id: string) => this.#root.getElementById(id) as HTMLElement;
    this.#body = $("body");
    this.#status = $("status");
    this.#sub = $("sub");
    this.#title = $("title");
    this.#refresh = $("refresh") as HTMLButtonElement;
    this.#copyLink = $("copy-link") as HTMLButtonElement;
    this.#refresh.addEventListener("click", () => void this.refresh());
    this.#copyLink.addEventListener("click", () => void this.#copyReportLink());
    this.#root.addEventListener("submit", (e) => this.#onSubmit(e));
    this.#root.addEventListener("click", (e) => {
      const target = (e.target as Element).closest?.("[data-action]") as HTMLElement | null;
      const action = target?.dataset.action;
      if (action === "copy") void this.#copy(target!);
      else if (action === "open") this.#openCandidate(target!.dataset.userId ?? "");
      else if (action === "back") this.#backToList();
    });
  }

  /** Credentials set by the host page; setting them (re)loads. */
  get credentials(): AdminCredentials | null {
    return this.#hostCredentials;
  }
  set credentials(value: AdminCredentials | null) {
    this.#hostCredentials = validCredentials(value);
    this.#schedule();
  }

  /** An async callback asked for credentials on every load (e.g. to refresh a short-lived JWT). */
  get getCredentials(): (() => Promise<AdminCredentials>) | null {
    return this.#credentialsCallback;
  }
  set getCredentials(callback: (() => Promise<AdminCredentials>) | null) {
    this.#credentialsCallback = typeof callback === "function" ? callback : null;
    this.#schedule();
  }

  /** The last report shown, if any. */
  get report(): ThreedeyeDiagnostics | null {
    return this.#state?.kind === "report" ? this.#state.report : null;
  }

  connectedCallback(): void {
    // A host may set properties before the element is defined; re-apply them through the setters.
    for (const prop of ["credentials", "getCredentials"] as const) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = (this as Record<string, unknown>)[prop];
        delete (this as Record<string, unknown>)[prop];
        (this as Record<string, unknown>)[prop] = value;
      }
    }
    globalThis.addEventListener("hashchange", this.#onHashChange);
    this.#followLink();
    this.#schedule();
  }

  disconnectedCallback(): void {
    globalThis.removeEventListener("hashchange", this.#onHashChange);
    this.#abort?.abort();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after) return;
    // Either can hand the fragment to this element (deep-link on, user-id off).
    if (name === "deep-link" || name === "user-id") this.#followLink();
    this.#schedule();
  }

  /**
   * Loads again with the current attributes and credentials, asking the server for fresh data
   * (`Cache-Control: no-cache`, so it skips its short-lived copy of the 3dEye listing): what the
   * Refresh button does, for an engineer who just changed something in 3dEye.
   */
  refresh(): Promise<void> {
    return this.#load(true);
  }

  /** Whether the page's fragment is this element's: `deep-link` is set and `user-id` is not. */
  get #deepLinked(): boolean {
    return this.hasAttribute("deep-link") && !this.getAttribute("user-id");
  }

  /** Takes the user named by the page's fragment (`#user=<uuid>`), if it names one. */
  #followLink(): void {
    if (!this.#deepLinked) return;
    const link = readUserFragment(location.hash);
    if (link.kind === "invalid") {
      this.#linkProblem = BROKEN_LINK;
      this.#schedule();
    }
    if (link.kind !== "user") return;
    this.#linkProblem = null;
    const current = this.#formSubject;
    if (current?.kind === "user" && current.userId === link.userId) return;
    this.#formSubject = { kind: "user", userId: link.userId };
    this.#foundBy = null;
    this.#schedule();
  }

  /** Points the page's fragment at `userId`, or removes a `#user=` fragment for `null`. */
  #setLink(userId: string | null): void {
    if (!this.#deepLinked) return;
    if (userId === null && readUserFragment(location.hash).kind === "none") return;
    const href = linkToUser(location.href, userId);
    // In place: no history entry per report looked at, and no hashchange back to ourselves.
    if (href !== location.href) history.replaceState(history.state, "", href);
  }

  /** Starts a new load; the returned check says whether a later one superseded it. */
  #supersede(): { signal: AbortSignal; stale: () => boolean } {
    const generation = ++this.#generation;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    return { signal: abort.signal, stale: () => generation !== this.#generation };
  }

  async #load(fresh: boolean): Promise<void> {
    const { signal, stale } = this.#supersede();
    const attributeUserId = this.getAttribute("user-id");
    const subject: LookupSubject | null = attributeUserId
      ? { kind: "user", userId: attributeUserId }
      : this.#formSubject;
    let credentials = this.#hostCredentials ?? this.#formCredentials;
    if (!credentials && this.#credentialsCallback) {
      this.#show({ kind: "loading", subject });
      try {
        credentials = validCredentials(await this.#credentialsCallback());
        if (!credentials) throw new TypeError("it gave no admin key or JWT");
      } catch (error) {
        if (stale()) return;
        const message = `Could not get credentials from the page: ${
          (error as Error)?.message ?? error
        }`;
        this.#show({
          kind: "form",
          needs: { needSubject: !subject, needCredentials: true },
          problem: message,
        });
        this.#emit("error", { status: 0, error: message, requestId: null, source: "credentials" });
        return;
      }
      if (stale()) return;
    }
    if (!subject || !credentials) {
      this.#show({
        kind: "form",
        needs: { needSubject: !subject, needCredentials: !credentials },
        problem: subject ? null : this.#linkProblem,
      });
      return;
    }
    const load: Load = {
      apiBase: this.getAttribute("api-base") ?? "",
      credentials,
      options: { signal, fresh },
      stale,
    };
    if (subject.kind === "email") await this.#search(subject.email, load);
    else await this.#loadReport(subject.userId, attributeUserId ? null : this.#foundBy, load);
  }

  async #search(email: string, load: Load): Promise<void> {
    // A list or an empty state is about an address, not a user: the old link no longer fits.
    this.#setLink(null);
    this.#show({ kind: "loading", subject: { kind: "email", email } });
    let result;
    try {
      result = await getAdminJson(
        userSearchUrl(load.apiBase, email),
        load.credentials,
        load.options,
      );
    } catch (error) {
      if (isAbort(error)) return;
      throw error;
    }
    if (load.stale()) return;
    if (!result.ok || !isUserSearchAnswer(result.body)) {
      const failure = result.ok
        ? unexpected(result.status, result.requestId, "a user search answer")
        : result;
      if (failure.status === 400) {
        // The server's word on the address (e.g. no domain), shown where it can be fixed.
        this.#formSubject = null;
        this.#show({
          kind: "form",
          needs: { needSubject: true, needCredentials: false },
          problem: failure.message,
          lookup: email,
        });
        this.#emitFailure(failure, "search");
      } else {
        this.#fail(failure, load.credentials, "search");
      }
      return;
    }
    const answer = result.body;
    if (answer.candidates.length === 1 && !answer.truncated) {
      const userId = answer.candidates[0].userId;
      this.#formSubject = { kind: "user", userId };
      this.#foundBy = answer;
      await this.#loadReport(userId, answer, load);
      return;
    }
    this.#show({ kind: "search", answer });
  }

  async #loadReport(
    userId: string,
    foundBy: ThreedeyeUserSearch | null,
    load: Load,
  ): Promise<void> {
    const { apiBase, credentials, options, stale } = load;
    this.#show({ kind: "loading", subject: { kind: "user", userId } });
    const turnkeyUserId = this.getAttribute("turnkey-user-id");
    const turnkeyRequest = turnkeyUserId
      ? getAdminJson(
        turnkeyUserUrl(apiBase, turnkeyUserId, this.getAttribute("turnkey-organization-id")),
        credentials,
        options,
      )
      : null;
    turnkeyRequest?.catch(() => {}); // awaited below; avoid an unhandled rejection on abort
    let result;
    try {
      result = await getAdminJson(diagnosticsUrl(apiBase, userId), credentials, options);
    } catch (error) {
      if (isAbort(error)) return;
      throw error;
    }
    if (stale()) return;
    if (!result.ok || !isDiagnosticsReport(result.body)) {
      this.#fail(
        result.ok ? unexpected(result.status, result.requestId, "a diagnostics report") : result,
        credentials,
        "report",
      );
      return;
    }
    const report = result.body;
    this.#show({
      kind: "report",
      report,
      findings: explain(report),
      requestId: result.requestId,
      turnkey: turnkeyRequest ? { kind: "loading" } : null,
      foundBy,
    });
    this.#setLink(userId);
    this.#emit("loaded", report);
    if (turnkeyRequest) await this.#finishTurnkey(turnkeyRequest, stale);
  }

  /** Shows a failed request, with the form when the user can fix what failed. */
  #fail(failure: AdminFailure, credentials: AdminCredentials, source: "report" | "search"): void {
    const fixCredentials = (failure.status === 401 || failure.status === 403) &&
      credentials === this.#formCredentials;
    const fixSubject = failure.status === 400 && !this.getAttribute("user-id");
    if (fixCredentials) this.#formCredentials = null;
    if (fixSubject) this.#formSubject = null;
    this.#show({
      kind: "failure",
      failure,
      form: fixCredentials || fixSubject
        ? { needSubject: fixSubject, needCredentials: fixCredentials }
        : null,
    });
    this.#emitFailure(failure, source);
  }

  async #finishTurnkey(
    request: ReturnType<typeof getAdminJson>,
    stale: () => boolean,
  ): Promise<void> {
    let turnkey: TurnkeyPanelState;
    try {
      const result = await request;
      const user = result.ok ? turnkeyUserFromBody(result.body) : null;
      turnkey = !result.ok
        ? { kind: "failure", failure: result }
        : user
        ? { kind: "loaded", user }
        : {
          kind: "failure",
          failure: unexpected(result.status, result.requestId, "a Turnkey user"),
        };
    } catch (error) {
      if (isAbort(error)) return;
      throw error;
    }
    if (stale() || this.#state?.kind !== "report") return;
    this.#state = { ...this.#state, turnkey };
    const slot = this.#body.querySelector("[data-slot=turnkey]");
    if (slot) slot.innerHTML = renderTurnkeyPanel(turnkey, Date.now()).value;
    this.#status.textContent = announcement(this.#state);
    if (turnkey.kind === "loaded") this.#emit("turnkey-loaded", turnkey.user);
    else this.#emitFailure(turnkey.failure, "turnkey");
  }

  #schedule(): void {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    // Coalesce attribute and property changes made in one task into a single load.
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) void this.#load(false);
    });
  }

  #show(state: WidgetState): void {
    this.#state = state;
    const active = this.#root.activeElement;
    const focusWasInBody = this.#body.contains(active) ||
      (this.#focusParked && active === this.#title);
    const subject = this.#formSubject;
    const lookup = this.getAttribute("user-id")
      ? null
      : subject?.kind === "email"
      ? subject.email
      : subject?.userId ?? "";
    this.#body.innerHTML = renderBody(state, Date.now(), lookup).value;
    // Busy is the body only: a live region inside a busy subtree may be held back until it is
    // done, and "Loading diagnostics…" would never be announced.
    this.#body.setAttribute("aria-busy", String(state.kind === "loading"));
    this.#refresh.hidden = state.kind === "form";
    this.#copyLink.hidden = state.kind !== "report" || !this.#deepLinked;
    // The user being looked at, also while a linked report waits for sign-in.
    const userId = state.kind === "report"
      ? state.report.userId
      : state.kind === "search"
      ? null
      : this.getAttribute("user-id") || (subject?.kind === "user" ? subject.userId : null);
    this.#sub.textContent = userId ? `User ${userId}` : "";
    this.#status.textContent = announcement(state);
    if (focusWasInBody) {
      // Re-rendering removed the focused control (e.g. a submit button): move focus to what the
      // new state marks (a field to fix, a list's heading), else to the widget's heading, rather
      // than letting it fall back to <body>.
      const target = this.#body.querySelector<HTMLElement>("[data-focus]");
      (target ?? this.#title).focus();
      this.#focusParked = !target;
    } else {
      this.#focusParked = false;
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const read = (id: string) =>
      (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "").trim();
    const inputs = [...form.querySelectorAll<HTMLInputElement>("input")];
    const problem = form.querySelector<HTMLElement>("[data-form-error]");
    const refuse = (input: HTMLInputElement, message: string) => {
      if (problem) {
        problem.hidden = false;
        problem.textContent = message;
      }
      this.#status.textContent = message;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    };
    const empty = inputs.find((input) => input.value.trim() === "");
    if (empty) {
      refuse(empty, `${empty.labels?.[0]?.textContent ?? "A field"} is required.`);
      return;
    }
    const lookupInput = form.querySelector<HTMLInputElement>("#lookup");
    if (lookupInput) {
      const subject = parseLookup(lookupInput.value);
      if (!subject) {
        refuse(lookupInput, LOOKUP_HINT);
        return;
      }
      this.#formSubject = subject;
      this.#foundBy = null;
      this.#linkProblem = null;
    }
    if (form.querySelector("#admin-key")) {
      this.#formCredentials = { adminKey: read("admin-key"), jwt: read("jwt") };
    }
    for (const input of inputs) input.value = "";
    void this.#load(false);
  }

  #openCandidate(userId: string): void {
    if (this.#state?.kind !== "search") return;
    this.#foundBy = this.#state.answer;
    this.#formSubject = { kind: "user", userId };
    void this.#load(false);
  }

  #backToList(): void {
    const answer = this.#state?.kind === "report" ? this.#state.foundBy : null;
    if (!answer) return;
    this.#supersede(); // a Turnkey panel still loading must not land in the list
    this.#formSubject = { kind: "email", email: answer.email };
    this.#foundBy = null;
    this.#setLink(null);
    this.#show({ kind: "search", answer });
  }

  async #copy(button: HTMLElement): Promise<void> {
    const report = this.report;
    if (!report) return;
    const copied = await copyText(JSON.stringify(report, null, 2), this.#root);
    button.focus();
    this.#status.textContent = copied
      ? "Report JSON copied to the clipboard."
      : "Copying failed: open the JSON view and copy it by hand.";
  }

  async #copyReportLink(): Promise<void> {
    if (!this.report) return;
    const copied = await copyText(location.href, this.#root);
    this.#copyLink.focus();
    this.#status.textContent = copied
      ? "Link to this report copied to the clipboard."
      : "Copying failed: copy the page address by hand.";
  }

  #emitFailure(failure: AdminFailure, source: "report" | "search" | "turnkey"): void {
    this.#emit(
      "error",
      {
        status: failure.status,
        error: failure.envelope ?? failure.message,
        requestId: failure.requestId,
        source,
      } satisfies WidgetErrorDetail,
    );
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, SpkeyThreedeyeDiagnostics);
