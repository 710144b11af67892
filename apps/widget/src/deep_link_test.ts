import { assertEquals, assertThrows } from "@std/assert";
import { linkToUser, readUserFragment } from "./deep_link.ts";

const ID = "11111111-1111-4111-8111-111111111111";

Deno.test("readUserFragment tells a user link, a broken one and the page's own fragments apart", () => {
  const table: [string, ReturnType<typeof readUserFragment>][] = [
    [`#user=${ID}`, { kind: "user", userId: ID }],
    [`#user=${ID.toUpperCase()}`, { kind: "user", userId: ID }],
    ["#user=", { kind: "invalid" }],
    [`#user=${ID.slice(0, 20)}`, { kind: "invalid" }], // cut short in a chat
    [`#user=${ID}.`, { kind: "invalid" }], // sentence punctuation pasted along
    ["#user=alice@example.com", { kind: "invalid" }],
    ["", { kind: "none" }],
    ["#", { kind: "none" }],
    ["#top", { kind: "none" }],
    [`#users=${ID}`, { kind: "none" }],
  ];
  for (const [hash, expected] of table) assertEquals(readUserFragment(hash), expected, hash);
});

Deno.test("linkToUser sets or removes the fragment and keeps path and query", () => {
  assertEquals(
    linkToUser("http://127.0.0.1:8787/admin", ID),
    `http://127.0.0.1:8787/admin#user=${ID}`,
  );
  assertEquals(
    linkToUser(`http://x.test/tools/diag?tab=2#user=${ID}`, "22222222-2222-4222-8222-222222222222"),
    "http://x.test/tools/diag?tab=2#user=22222222-2222-4222-8222-222222222222",
  );
  assertEquals(linkToUser(`http://x.test/admin?q=1#user=${ID}`, null), "http://x.test/admin?q=1");
  assertEquals(readUserFragment(new URL(linkToUser("http://x.test/", ID)).hash), {
    kind: "user",
    userId: ID,
  });
});

Deno.test("linkToUser refuses anything but a user id: no email or credential in a URL", () => {
  for (const value of ["alice@example.com", "demo-admin-key-0123456789", "a.b.c", ""]) {
    assertThrows(() => linkToUser("http://x.test/admin", value), TypeError, "not a UUID");
  }
});
