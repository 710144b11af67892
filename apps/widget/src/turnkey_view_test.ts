import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { HOSTILE_EMAIL, TURNKEY_USER } from "./_fixtures.ts";
import {
  authenticationTypeLabel,
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

Deno.test("MFA policies are listed in evaluation order with condition, steps, order and notes", () => {
  const out = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  assertStringIncludes(out, `MFA policies <span class="count">(2)</span>`);
  const sign = out.indexOf(`data-mfa-policy="mfa-sign"`);
  const exportPolicy = out.indexOf(`data-mfa-policy="mfa-export"`);
  assert(sign > 0 && exportPolicy > sign, "order 0 before order 1, whatever the answer's order");
  const signItem = out.slice(sign, exportPolicy);
  assertStringIncludes(signItem, "<strong>Passkey or email code to sign</strong>");
  assertStringIncludes(
    signItem,
    "<dt>Applies when</dt><dd><code>activity.type == &#39;ACTIVITY_TYPE_SIGN_TRANSACTION_V2&#39;</code></dd>",
  );
  assertStringIncludes(signItem, "<dt>Step 1</dt><dd>Passkey or Email code</dd>");
  assertEquals(signItem.includes("<dt>Step 2</dt>"), false);
  assertStringIncludes(signItem, "<dt>Order</dt><dd>0</dd>");
  assertStringIncludes(signItem, "<dt>Notes</dt><dd>Every signature needs a second factor.</dd>");
  assertStringIncludes(
    signItem,
    `<dt>Updated</dt><dd><time datetime="2026-01-01T00:00:00.000Z">2026-01-01 00:00 UTC</time></dd>`,
  );
});

Deno.test("MFA steps name a required authenticator's id, keep unknown methods readable, and omit absent notes", () => {
  const out = renderTurnkeyUser(TURNKEY_USER, JAN_1).value;
  const item = out.slice(out.indexOf(`data-mfa-policy="mfa-export"`));
  assertStringIncludes(item, "<dt>Step 1</dt><dd>Session <code>session-profile-7</code></dd>");
  assertStringIncludes(item, "<dt>Step 2</dt><dd>SMS code or RETINA</dd>");
  assertEquals(item.slice(0, item.indexOf("</li>")).includes("<dt>Notes</dt>"), false);
});

Deno.test("a Turnkey user with no lists at all renders 'None' for each group, and MFA as not reported", () => {
  const out = renderTurnkeyUser({ userName: "Bare" }, JAN_1).value;
  for (const group of ["authenticators", "api-keys", "oauth", "tags"]) {
    const start = out.indexOf(`data-group="${group}"`);
    assertStringIncludes(out.slice(start, start + 400), `<span class="muted">None</span>`, group);
  }
  const mfa = out.slice(out.indexOf(`data-group="mfa"`));
  assertStringIncludes(mfa, "Not reported by this Turnkey API version.");
  const section = mfa.slice(0, mfa.indexOf("</section>"));
  assertEquals(section.includes("None"), false, "absent is not the same as none");
});

Deno.test("an empty MFA policy list is 'None', and a policy missing its fields still renders", () => {
  const empty = renderTurnkeyUser({ mfaPolicies: [] }, JAN_1).value;
  assertStringIncludes(empty, `MFA policies <span class="count">(0)</span>`);
  const sparse = renderTurnkeyUser({ mfaPolicies: [{}] }, JAN_1).value;
  assertStringIncludes(sparse, "<strong>Unnamed MFA policy</strong>");
  assertStringIncludes(sparse, `<dt>Steps</dt><dd><span class="muted">None</span></dd>`);
  assertStringIncludes(sparse, `<dt>Order</dt><dd><span class="muted">None</span></dd>`);
});

Deno.test("Turnkey strings are escaped", () => {
  const out = renderTurnkeyUser({
    userName: "<script>x</script>",
    userEmail: HOSTILE_EMAIL,
    userTags: ["<b>t</b>"],
    authenticators: [{ authenticatorName: "<i>k</i>", transports: ["<u>"] }],
    mfaPolicies: [{
      mfaPolicyName: "<em>p</em>",
      condition: "<s>c</s>",
      notes: "<q>n</q>",
      requiredAuthenticationMethods: [{ any: [{ type: "<kbd>", id: "<var>" }] }],
    }],
  }, JAN_1).value;
  for (
    const tag of ["<img", "<script", "<b>", "<i>", "<u>", "<em>", "<s>", "<q>", "<kbd>", "<var>"]
  ) {
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
  assertEquals(authenticationTypeLabel("AUTHENTICATION_TYPE_SMS_OTP"), "SMS code");
  assertEquals(authenticationTypeLabel("AUTHENTICATION_TYPE_SESSION"), "Session");
  assertEquals(authenticationTypeLabel("SOMETHING_NEW"), "SOMETHING NEW");
  assertEquals(authenticationTypeLabel(undefined), "Unknown method");
});
