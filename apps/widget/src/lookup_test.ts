import { assertEquals } from "@std/assert";
import { isUserId, parseLookup } from "./lookup.ts";

Deno.test("parseLookup reads a UUID in any letter case as a user id, lowercased and trimmed", () => {
  assertEquals(parseLookup("\t11111111-1111-4111-8111-111111111111 "), {
    kind: "user",
    userId: "11111111-1111-4111-8111-111111111111",
  });
  assertEquals(parseLookup("ABCDEF01-2345-4678-9ABC-DEF012345678"), {
    kind: "user",
    userId: "abcdef01-2345-4678-9abc-def012345678",
  });
});

Deno.test("parseLookup reads anything with an @ as an email, trimmed, case kept", () => {
  assertEquals(parseLookup(" Alice@Example.com\n"), { kind: "email", email: "Alice@Example.com" });
  // The server judges the rest of an address (its 400 names what is wrong), as for the CLI.
  assertEquals(parseLookup("not@an@email"), { kind: "email", email: "not@an@email" });
  assertEquals(parseLookup("@"), { kind: "email", email: "@" });
});

Deno.test("parseLookup refuses what is neither, before any request", () => {
  for (
    const input of [
      "",
      "   ",
      "alice",
      "11111111-1111-4111-8111-11111111111", // one digit short
      "11111111111141118111111111111111", // no dashes
      "{11111111-1111-4111-8111-111111111111}",
      "11111111-1111-4111-8111-111111111111x",
    ]
  ) {
    assertEquals(parseLookup(input), null, JSON.stringify(input));
  }
});

Deno.test("isUserId accepts what the server's UUID check accepts", () => {
  const accepted = [
    "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
    "01890a5d-ac96-774b-bcce-b302099a8057", // version 7
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  ];
  const refused = [
    "0b7e3c2a-4d5f-0a6b-8c7d-9e0f1a2b3c4d", // version 0
    "0b7e3c2a-4d5f-9a6b-8c7d-9e0f1a2b3c4d", // version 9
    "0b7e3c2a-4d5f-4a6b-cc7d-9e0f1a2b3c4d", // variant c
    "0b7e3c2g-4d5f-4a6b-8c7d-9e0f1a2b3c4d", // not hex
  ];
  for (const id of accepted) assertEquals(isUserId(id), true, id);
  for (const id of refused) assertEquals(isUserId(id), false, id);
});
