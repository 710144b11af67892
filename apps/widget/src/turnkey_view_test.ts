import { assertEquals, assertStringIncludes } from "@std/assert";
import { HOSTILE_EMAIL, TURNKEY_USER } from "./_fixtures.ts";
import {
  credentialTypeLabel,
  renderTurnkeyPanel,
  renderTurnkeyUser,
  transportLabel,
  turnkeyUserFromBody,
} from "./turnkey_view.ts";

const JAN_1 = Date.UTC(2026, 0, 1);

Deno.test("the Turnkey panel shows the user's name, email and creation date", () => {
  const out = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  assertStringIncludes(out, "<dt>Name</dt><dd>Alice Admin</dd>");
  assertStringIncludes(out, "<dt>Email</dt><dd>alice@example.com</dd>");
  assertStringIncludes(out, "<code>tk-user-1</code>");
  assertStringIncludes(
    out,
    `<time datetime="2026-01-01T00:00:00.000Z">2026-01-01 00:00 UTC</time>`,
  );
});

Deno.test("authenticators show name, readable transports (unknown ones kept), model and date", () => {
  const out = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  assertStringIncludes(out, "<strong>YubiKey 5</strong>");
  assertStringIncludes(out, "<dt>Transports</dt><dd>USB, NFC, QUANTUM</dd>");
  assertStringIncludes(out, "<dt>Model</dt><dd>YubiKey 5 NFC</dd>");
  assertStringIncludes(out, `Authenticators <span class="count">(1)</span>`);
});

Deno.test("API keys show their expiry date or 'No expiry', with a state badge", () => {
  const fresh = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  assertStringIncludes(fresh, `data-expiry="expiring"`);
  assertStringIncludes(
    fresh,
    `<time datetime="2026-01-02T00:00:00.000Z">2026-01-02 00:00 UTC</time>`,
  );
  assertStringIncludes(fresh, `data-expiry="none"`);
  assertStringIncludes(fresh, "<dt>Expires</dt><dd>No expiry</dd>");
  assertStringIncludes(fresh, "<dt>Type</dt><dd>API KEY P256</dd>");
  const later = renderTurnkeyUser(TURNKEY_USER, JAN_1 + 2 * 86400_000).value;
  assertStringIncludes(later, `data-expiry="expired"`);
  assertStringIncludes(later, "</span>Expired</span>");
});

Deno.test("OAuth providers and tags are listed", () => {
  const out = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  assertStringIncludes(out, "<strong>Google</strong>");
  assertStringIncludes(out, "<dt>Issuer</dt><dd>https://accounts.google.com</dd>");
  assertStringIncludes(out, "<li>tag-support</li><li>tag-beta</li>");
});

Deno.test("a Turnkey user with no lists at all renders 'None' for each group", () => {
  const out = renderTurnkeyUser({ userName: "Bare" }, JAN_1).value;
  for (const group of ["authenticators", "api-keys", "oauth", "tags"]) {
    const start = out.indexOf(`data-group="${group}"`);
    assertStringIncludes(out.slice(start, start + 400), `<span class="muted">None</span>`, group);
  }
});

Deno.test("Turnkey strings are escaped", () => {
  const out = renderTurnkeyUser({
    userName: "<script>x</script>",
    userEmail: HOSTILE_EMAIL,
    userTags: ["<b>t</b>"],
    authenticators: [{ authenticatorName: "<i>k</i>", transports: ["<u>"] }],
  }, JAN_1).value;
  for (const tag of ["<img", "<script", "<b>", "<i>", "<u>"]) {
    assertEquals(out.includes(tag), false, tag);
  }
});

Deno.test("the panel renders loading, loaded and failure states", () => {
  assertStringIncludes(
    renderTurnkeyPanel({ kind: "loading" }, JAN_1).value,
    "Loading the Turnkey user",
  );
  assertStringIncludes(
    renderTurnkeyPanel({ kind: "loaded", user: TURNKEY_USER }, JAN_1).value,
    `data-state="loaded"`,
  );
  const failed = renderTurnkeyPanel({
    kind: "failure",
    failure: {
      status: 503,
      envelope: null,
      message: "Turnkey is not configured.",
      retryAfterSeconds: null,
      requestId: "r-1",
    },
  }, JAN_1).value;
  assertStringIncludes(failed, "Turnkey is not configured");
  assertStringIncludes(failed, "r-1");
});

Deno.test("turnkeyUserFromBody accepts { user } or a bare user and rejects the rest", () => {
  assertEquals(turnkeyUserFromBody({ user: { userId: "a" } }), { userId: "a" });
  assertEquals(turnkeyUserFromBody({ userId: "b" }), { userId: "b" });
  assertEquals(turnkeyUserFromBody({ user: null }), null);
  assertEquals(turnkeyUserFromBody([]), null);
  assertEquals(turnkeyUserFromBody("x"), null);
});

Deno.test("enum labels are readable and tolerate unknown values", () => {
  assertEquals(transportLabel("AUTHENTICATOR_TRANSPORT_HYBRID"), "Hybrid (phone)");
  assertEquals(transportLabel("AUTHENTICATOR_TRANSPORT_BLE"), "Bluetooth");
  assertEquals(transportLabel("AUTHENTICATOR_TRANSPORT_INTERNAL"), "Built-in");
  assertEquals(transportLabel("SOMETHING_NEW"), "SOMETHING_NEW");
  assertEquals(credentialTypeLabel("CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR"), "Passkey (WebAuthn)");
  assertEquals(credentialTypeLabel("CREDENTIAL_TYPE_OAUTH_KEY_P256"), "OAUTH KEY P256");
  assertEquals(credentialTypeLabel(undefined), "Unknown");
});
