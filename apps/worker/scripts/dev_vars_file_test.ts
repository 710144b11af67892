import { assertEquals, assertThrows } from "@std/assert";
import { formatDevVars } from "./dev_vars_file.ts";

Deno.test("formatDevVars single-quotes each value, one line per setting", () => {
  assertEquals(
    formatDevVars({ ADMIN_API_KEYS: "a,b", THREEDEYE_API_BASE: "http://127.0.0.1:1/v3?x=#y" }),
    "ADMIN_API_KEYS='a,b'\nTHREEDEYE_API_BASE='http://127.0.0.1:1/v3?x=#y'\n",
  );
});

Deno.test("formatDevVars keeps multi-line values such as PEM keys literally", () => {
  assertEquals(
    formatDevVars({ JWT_PUBLIC_KEY: "-----BEGIN\nAB==\n-----END" }),
    "JWT_PUBLIC_KEY='-----BEGIN\nAB==\n-----END'\n",
  );
});

const refused: Array<[string, Record<string, string>, string]> = [
  ["a lower-case name", { admin: "x" }, "admin is not an upper-case variable name"],
  ["a name with a dash", { "A-B": "x" }, "A-B is not an upper-case variable name"],
  ["a single quote in a value", { JWT_SECRET: "it's" }, "the value of JWT_SECRET holds ' or $"],
  ["a dollar in a value", { JWT_SECRET: "a$HOME" }, "the value of JWT_SECRET holds ' or $"],
];

for (const [what, vars, message] of refused) {
  Deno.test(`formatDevVars refuses ${what} with a TypeError naming it`, () => {
    assertThrows(() => formatDevVars(vars), TypeError, message);
  });
}
