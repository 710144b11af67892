import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { renderCredentialsForm, renderLookupForm } from "./form_view.ts";

Deno.test("the credentials form has labelled password inputs and a submit button", () => {
  const out = renderCredentialsForm({ needUserId: false, needCredentials: true }).value;
  assertStringIncludes(out, `<label for="admin-key" part="label">Admin API key</label>`);
  assertMatch(
    out,
    /<input id="admin-key" name="admin-key" type="password"[^>]*required autocomplete="off"/,
  );
  assertStringIncludes(out, `<label for="jwt" part="label">Admin JWT</label>`);
  assertMatch(out, /<input id="jwt" name="jwt" type="password"/);
  assertStringIncludes(
    out,
    `<button type="submit" class="btn primary" part="button submit-button">Load diagnostics</button>`,
  );
  assertEquals(out.includes(`id="user-id"`), false);
  assertMatch(out, /<p class="problem" data-form-error hidden\s*><\/p>/);
});

Deno.test("the form asks for the user id only when it is missing", () => {
  const both = renderCredentialsForm({ needUserId: true, needCredentials: true }).value;
  assertMatch(
    both,
    /<input id="user-id" name="user-id" type="text"[^>]*aria-describedby="user-id-hint"/,
  );
  const onlyUser = renderCredentialsForm({ needUserId: true, needCredentials: false }).value;
  assertStringIncludes(onlyUser, "Which user?");
  assertEquals(onlyUser.includes(`type="password"`), false);
});

Deno.test("the form shows an escaped problem", () => {
  const out =
    renderCredentialsForm({ needUserId: false, needCredentials: true }, "<b>bad</b>").value;
  assertStringIncludes(out, `<p class="problem" data-form-error>&lt;b&gt;bad&lt;/b&gt;</p>`);
  assertEquals(out.includes("<b>"), false);
});

Deno.test("the lookup form offers the current user id for editing, escaped", () => {
  const out = renderLookupForm('"><b>').value;
  assertMatch(
    out,
    /<form class="lookup" part="form lookup-form" aria-label="Look up another user"/,
  );
  assertStringIncludes(out, `<label for="user-id" part="label">User ID</label>`);
  assertStringIncludes(out, `value="&quot;&gt;&lt;b&gt;"`);
  assertStringIncludes(out, ">Look up</button>");
});
