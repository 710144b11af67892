/**
 * 404 versus 405: a path that some route serves with other methods answers 405 with an `Allow`
 * header; anything else 404. Derived from the app's own route table, so new routes need no
 * bookkeeping.
 *
 * @module
 */

/** A route table entry as Hono keeps it (`app.routes`). */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * The methods `path` is served with (HEAD wherever GET is), sorted, or an empty list.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { allowedMethods } from "./method_not_allowed.ts";
 * const routes = [{ method: "GET", path: "/admin/threedeye/users/:userId" }, { method: "ALL", path: "*" }];
 * assertEquals(allowedMethods(routes, "/admin/threedeye/users/abc"), ["GET", "HEAD"]);
 * assertEquals(allowedMethods(routes, "/nope"), []);
 * ```
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    // "ALL" entries are middleware, which serve no method of their own.
    if (route.method === "ALL" || !patternRegExp(route.path).test(path)) continue;
    methods.add(route.method);
    if (route.method === "GET") methods.add("HEAD");
  }
  return [...methods].sort();
}

/** `/a/:id/b` → `^/a/[^/]+/b$`; `*` matches anything. */
function patternRegExp(pattern: string): RegExp {
  const body = pattern.split("/").map((segment) => {
    if (segment === "*") return ".*";
    if (segment.startsWith(":")) return "[^/]+";
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("/");
  return new RegExp(`^${body}$`);
}
