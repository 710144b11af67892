import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { renderCredentialsForm, renderLookupForm } from "./form_view.ts";

Deno.test("the credentials form has labelled password inputs and a submit button", () => {
  const out = renderCredentialsForm({ needSubject: false, needCredentials: true }).value;
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
  assertEquals(out.includes(`id="lookup"`), false);
  assertMatch(out, /<p class="problem" data-form-error hidden\s*><\/p>/);
});

Deno.test("the form asks for a user ID or email only when it is missing", () => {
  const both = renderCredentialsForm({ needSubject: true, needCredentials: true }).value;
  assertStringIncludes(both, `<label for="lookup" part="label">User ID or email</label>`);
  assertMatch(
    both,
    /<input id="lookup" name="lookup" type="text"[^>]*aria-describedby="lookup-hint"/,
  );
  assertEquals(both.includes("aria-invalid"), false);
  const onlyUser = renderCredentialsForm({ needSubject: true, needCredentials: false }).value;
  assertStringIncludes(onlyUser, "Which user?");
  assertEquals(onlyUser.includes(`type="password"`), false);
});

Deno.test("the form shows an escaped problem", () => {
  const out =
    renderCredentialsForm({ needSubject: false, needCredentials: true }, "<b>bad</b>").value;
  assertStringIncludes(out, `<p class="problem" data-form-error>&lt;b&gt;bad&lt;/b&gt;</p>`);
  assertEquals(out.includes("<b>"), false);
});

Deno.test("a refused address comes back in the search field, marked invalid, with the problem", () => {
  const out = renderCredentialsForm(
    { needSubject: true, needCredentials: false },
    "Invalid query parameter email: must be an email address (local@domain)",
    'a@b"><i>',
  ).value;
  assertMatch(
    out,
    /<input id="lookup"[^>]*value="a@b&quot;&gt;&lt;i&gt;"[^>]*aria-invalid="true" data-focus\s*>/,
  );
  assertStringIncludes(out, "must be an email address (local@domain)</p>");
  assertEquals(out.includes("<i>"), false);
});

Deno.test("the search form is a search landmark offering the current subject for editing, escaped", () => {
  const out = renderLookupForm('"><b>').value;
  assertMatch(
    out,
    /<form class="lookup" part="form lookup-form" role="search" aria-label="Find a user"/,
  );
  assertStringIncludes(out, `<label for="lookup" part="label">User ID or email</label>`);
  assertStringIncludes(out, `value="&quot;&gt;&lt;b&gt;"`);
  assertStringIncludes(out, ">Look up</button>");
});
