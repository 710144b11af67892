import { assertEquals } from "@std/assert";
import { allowedMethods } from "./method_not_allowed.ts";

const ROUTES = [
  { method: "ALL", path: "*" },
  { method: "ALL", path: "/admin/*" },
  { method: "GET", path: "/admin/threedeye/users/:userId" },
  { method: "POST", path: "/admin/threedeye/users/:userId" },
  { method: "GET", path: "/openapi.json" },
];

const CASES: Array<[string, string[]]> = [
  ["/admin/threedeye/users/abc", ["GET", "HEAD", "POST"]],
  ["/openapi.json", ["GET", "HEAD"]],
  ["/openapiXjson", []],
  ["/admin/threedeye/users/", []],
  ["/admin/threedeye/users/a/b", []],
  ["/admin/anything", []],
];

for (const [path, expected] of CASES) {
  Deno.test(`allowedMethods(${path}) is [${expected.join(", ")}]`, () => {
    assertEquals(allowedMethods(ROUTES, path), expected);
  });
}
