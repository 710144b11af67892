/**
 * `<spkey-threedeye-diagnostics>`: the embeddable admin widget. Bundle entry; importing it
 * registers the element.
 *
 * ```html
 * <spkey-threedeye-diagnostics api-base="https://api.example" user-id="…"
 *   turnkey-user-id="…" turnkey-organization-id="…"></spkey-threedeye-diagnostics>
 * ```
 *
 * Credentials come from the host page, as `el.credentials = { adminKey, jwt }` or
 * `el.getCredentials = async () => ({ adminKey, jwt })` (asked on every load), or else from a
 * small form. They are kept in memory only. Events: `loaded` (detail: the report),
 * `turnkey-loaded` (detail: the Turnkey user) and `error` (detail: {@link WidgetErrorDetail}).
 * Theming: see `styles.ts` for the CSS custom properties and parts.
 *
 * @module
 */
import { type ApiError, explain, type ThreedeyeDiagnostics } from "@spkey/contracts";
import {
  type ApiFailure,
  type Credentials,
  diagnosticsUrl,
  getAdminJson,
  turnkeyUserUrl,
} from "./api.ts";
import { announcement, renderBody, type WidgetState } from "./body_view.ts";
import { copyText } from "./clipboard.ts";
import { html, SafeHtml } from "./html.ts";
import { isDiagnosticsReport } from "./report_guard.ts";
import { STYLES } from "./styles.ts";
import { renderTurnkeyPanel, type TurnkeyPanelState, turnkeyUserFromBody } from "./turnkey_view.ts";

/** The custom element's tag name. */
export const TAG_NAME = "spkey-threedeye-diagnostics";

/** `detail` of the `error` event: the status (0 = network) and the envelope or a message. */
export interface WidgetErrorDetail {
  status: number;
  error: ApiError | string;
  requestId: string | null;
  source: "report" | "turnkey" | "credentials";
}

function validCredentials(value: unknown): Credentials | null {
  const c = value as Partial<Credentials> | null | undefined;
  return c && typeof c.adminKey === "string" && c.adminKey !== "" && typeof c.jwt === "string" &&
      c.jwt !== ""
    ? { adminKey: c.adminKey, jwt: c.jwt }
    : null;
}

function unexpected(status: number, requestId: string | null, what: string): ApiFailure {
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

/** The diagnostics widget element. */
export class SpkeyThreedeyeDiagnostics extends HTMLElement {
  static get observedAttributes(): string[] {
    return ["api-base", "user-id", "turnkey-user-id", "turnkey-organization-id"];
  }

  #root: ShadowRoot;
  #body: HTMLElement;
  #status: HTMLElement;
  #sub: HTMLElement;
  #refresh: HTMLButtonElement;
  #hostCredentials: Credentials | null = null;
  #credentialsCallback: (() => Promise<Credentials>) | null = null;
  #formCredentials: Credentials | null = null;
  #formUserId: string | null = null;
  #state: WidgetState | null = null;
  #generation = 0;
  #abort: AbortController | null = null;
  #scheduled = false;

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
          <button type="button" class="btn" part="button refresh-button" id="refresh">Refresh</button>
        </header>
        <p class="status" part="status" id="status" role="status" aria-live="polite"></p>
        <div id="body" aria-busy="false"></div>
      </section>
    `.value;
    const $ = (id: string) => this.#root.getElementById(id) as HTMLElement;
    this.#body = $("body");
    this.#status = $("status");
    this.#sub = $("sub");
    this.#refresh = $("refresh") as HTMLButtonElement;
    this.#refresh.addEventListener("click", () => void this.refresh());
    this.#root.addEventListener("submit", (e) => this.#onSubmit(e));
    this.#root.addEventListener("click", (e) => {
      const target = (e.target as Element).closest?.("[data-action=copy]");
      if (target) void this.#copy(target as HTMLElement);
    });
  }

  /** Credentials set by the host page; setting them (re)loads. */
  get credentials(): Credentials | null {
    return this.#hostCredentials;
  }
  set credentials(value: Credentials | null) {
    this.#hostCredentials = validCredentials(value);
    this.#schedule();
  }

  /** An async callback asked for credentials on every load (e.g. to refresh a short-lived JWT). */
  get getCredentials(): (() => Promise<Credentials>) | null {
    return this.#credentialsCallback;
  }
  set getCredentials(callback: (() => Promise<Credentials>) | null) {
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
    this.#schedule();
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before !== after) this.#schedule();
  }

  /** Loads (again) with the current attributes and credentials. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const stale = () => generation !== this.#generation;
    const userId = this.getAttribute("user-id") || this.#formUserId;
    let credentials = this.#hostCredentials ?? this.#formCredentials;
    if (!credentials && this.#credentialsCallback) {
      this.#show({ kind: "loading", userId: userId ?? "" });
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
          needs: { needUserId: !userId, needCredentials: true },
          problem: message,
        });
        this.#emit("error", { status: 0, error: message, requestId: null, source: "credentials" });
        return;
      }
      if (stale()) return;
    }
    if (!userId || !credentials) {
      this.#show({
        kind: "form",
        needs: { needUserId: !userId, needCredentials: !credentials },
        problem: null,
      });
      return;
    }
    this.#show({ kind: "loading", userId });
    const apiBase = this.getAttribute("api-base") ?? "";
    const turnkeyUserId = this.getAttribute("turnkey-user-id");
    const options = { signal: abort.signal };
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
      const failure = result.ok
        ? unexpected(result.status, result.requestId, "a diagnostics report")
        : result;
      const fixCredentials = (failure.status === 401 || failure.status === 403) &&
        credentials === this.#formCredentials;
      const fixUserId = failure.status === 400 && !this.getAttribute("user-id");
      if (fixCredentials) this.#formCredentials = null;
      if (fixUserId) this.#formUserId = null;
      this.#show({
        kind: "failure",
        failure,
        form: fixCredentials || fixUserId
          ? { needUserId: fixUserId, needCredentials: fixCredentials }
          : null,
      });
      this.#emitFailure(failure, "report");
      return;
    }
    const report = result.body;
    this.#show({
      kind: "report",
      report,
      findings: explain(report),
      requestId: result.requestId,
      turnkey: turnkeyRequest ? { kind: "loading" } : null,
    });
    this.#emit("loaded", report);
    if (turnkeyRequest) await this.#finishTurnkey(turnkeyRequest, stale);
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
      if (this.isConnected) void this.refresh();
    });
  }

  #show(state: WidgetState): void {
    this.#state = state;
    const focusWasInBody = this.#body.contains(this.#root.activeElement);
    const lookup = this.getAttribute("user-id") ? null : this.#formUserId;
    this.#body.innerHTML = renderBody(state, Date.now(), lookup).value;
    // Busy is the body only: a live region inside a busy subtree may be held back until it is
    // done, and "Loading diagnostics…" would never be announced.
    this.#body.setAttribute("aria-busy", String(state.kind === "loading"));
    this.#refresh.hidden = state.kind === "form";
    const userId = state.kind === "report"
      ? state.report.userId
      : state.kind === "loading"
      ? state.userId
      : "";
    this.#sub.textContent = userId ? `User ${userId}` : "";
    this.#status.textContent = announcement(state);
    // Re-rendering removed the focused control (e.g. the form's submit button): move focus to the
    // heading rather than letting it fall back to <body>.
    if (focusWasInBody) (this.#root.getElementById("title") as HTMLElement).focus();
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const read = (id: string) =>
      (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "").trim();
    const inputs = [...form.querySelectorAll<HTMLInputElement>("input")];
    const empty = inputs.find((input) => input.value.trim() === "");
    const problem = form.querySelector<HTMLElement>("[data-form-error]");
    if (empty) {
      if (problem) {
        problem.hidden = false;
        problem.textContent = `${empty.labels?.[0]?.textContent ?? "A field"} is required.`;
      }
      empty.setAttribute("aria-invalid", "true");
      empty.focus();
      return;
    }
    if (form.querySelector("#user-id")) this.#formUserId = read("user-id");
    if (form.querySelector("#admin-key")) {
      this.#formCredentials = { adminKey: read("admin-key"), jwt: read("jwt") };
    }
    for (const input of inputs) input.value = "";
    void this.refresh();
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

  #emitFailure(failure: ApiFailure, source: "report" | "turnkey"): void {
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
