import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { HOSTILE_EMAIL, SEARCHES } from "./_fixtures.ts";
import { renderFoundBy, renderSearchAnswer, searchAnnouncement } from "./search_view.ts";

Deno.test("several matches are listed oldest first, each with its details and an open button", () => {
  const out = renderSearchAnswer(SEARCHES.two).value;
  // Focus goes to the heading after the search: the next Tab is the first candidate.
  assertStringIncludes(
    out,
    `<h3 id="search-h" tabindex="-1" data-focus>2 users have this email</h3>`,
  );
  assertStringIncludes(out, `data-matches="2"`);
  const first = out.indexOf(`data-candidate="11111111-1111-4111-8111-111111111111"`);
  const second = out.indexOf(`data-candidate="88888888-8888-4888-8888-888888888888"`);
  assert(first > 0 && second > first, "in the server's order");
  // Stored email (letter case as stored), mapping badge, user id, creation time.
  assertStringIncludes(out, "<strong>Alice@Example.com</strong>");
  assertMatch(out, /data-tone="ok">.*3dEye mapping/);
  assertMatch(out, /data-tone="warn">.*No 3dEye mapping/);
  assertStringIncludes(out, "<code>88888888-8888-4888-8888-888888888888</code>");
  assertStringIncludes(
    out,
    `<time datetime="2026-06-02T10:00:00.000Z">2026-06-02 10:00 UTC</time>`,
  );
  // Buttons (keyboard reachable), each named uniquely for screen readers: the two emails differ
  // only in letter case, which is not heard, so the name carries the user id.
  assertMatch(
    out,
    /<button type="button" class="btn" part="button open-button" data-action="open" data-user-id="88888888-8888-4888-8888-888888888888">Open report<span class="sr"> for Alice@Example.com, user 88888888-8888-4888-8888-888888888888<\/span><\/button>/,
  );
  assertEquals(out.match(/data-action="open"/g)?.length, 2);
  assertEquals(out.includes(`data-notice="truncated"`), false);
});

Deno.test("a list cut short says more users matched than are shown", () => {
  const out = renderSearchAnswer(SEARCHES.truncated).value;
  assertStringIncludes(out, "More than 2 users have this email");
  assertStringIncludes(out, `data-notice="truncated"`);
  assertStringIncludes(out, "Only the oldest 2 are listed; more users have this email.");
  // An unknown creation time is said, not left blank.
  assertStringIncludes(out, `<span class="muted">Unknown</span>`);
  assertEquals(
    searchAnnouncement(SEARCHES.truncated),
    "More than 2 users found: the oldest 2 are listed. Pick one to open its report.",
  );
});

Deno.test("no match is an empty state with the address and what to try", () => {
  const out = renderSearchAnswer(SEARCHES.none).value;
  assertStringIncludes(out, `<h3 id="search-h">No user with this email</h3>`);
  assertEquals(out.includes("data-focus"), false, "nothing here to operate: focus goes elsewhere");
  assertStringIncludes(out, "No user has the email <strong>nobody@example.com</strong>.");
  assertStringIncludes(out, "enter their user ID");
  assertEquals(out.includes("data-action"), false);
});

Deno.test("stored emails and the searched address are escaped", () => {
  const hostile = {
    ...SEARCHES.one,
    email: HOSTILE_EMAIL,
    candidates: [{ ...SEARCHES.one.candidates[0], email: HOSTILE_EMAIL }],
  };
  for (
    const out of [
      renderSearchAnswer({
        ...hostile,
        candidates: [...hostile.candidates, ...SEARCHES.two.candidates],
      }),
      renderSearchAnswer({ ...hostile, candidates: [] }),
      renderFoundBy(hostile),
    ]
  ) {
    assertEquals(out.value.includes("<img"), false);
    assertStringIncludes(out.value, "&lt;img src=x onerror=alert(1)&gt;@example.com");
  }
});

Deno.test("a report found by search says so: one match opened, or picked with a way back", () => {
  const one = renderFoundBy(SEARCHES.one).value;
  assertStringIncludes(one, `data-found="1"`);
  assertStringIncludes(one, "1 user has the email <strong>bob@example.com</strong>");
  assertEquals(one.includes("data-action"), false);
  const picked = renderFoundBy(SEARCHES.two).value;
  assertStringIncludes(
    picked,
    "Picked from 2 users with the email <strong>Alice@Example.com</strong>",
  );
  assertStringIncludes(
    picked,
    `<button type="button" class="btn" part="button back-button" data-action="back">Back to the list</button>`,
  );
  assertStringIncludes(renderFoundBy(SEARCHES.truncated).value, "Picked from more than 2 users");
});
