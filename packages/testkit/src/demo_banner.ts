/**
 * The text a local demo prints once it is up (Deno server or Worker in workerd): the stand-ins in
 * use, the demo credentials, ready-to-paste curl lines and the URLs.
 *
 * @module
 */
import { DEMO_USERS } from "./demo_data.ts";
import { DEMO_ADMIN, DEMO_ADMIN_API_KEY } from "./demo_credentials.ts";
import { turnkeyDemoUser } from "./turnkey_standin.ts";

/** What the banner shows. */
export interface DemoBannerOptions {
  /** e.g. "local demo" or "Cloudflare Worker in local workerd". */
  title: string;
  baseUrl: string;
  jwt: string;
  threedeyeUrl: string;
  turnkeyUrl: string;
  /** Where the demo rows live, e.g. "Database: ./.data/demo.sqlite (demo rows seeded)". */
  databaseLine: string;
}

/**
 * Renders the demo banner.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { demoBanner } from "@spkey/testkit";
 * const text = demoBanner({
 *   title: "local demo",
 *   baseUrl: "http://127.0.0.1:8787",
 *   jwt: "a.b.c",
 *   threedeyeUrl: "http://127.0.0.1:1/v3",
 *   turnkeyUrl: "http://127.0.0.1:2",
 *   databaseLine: "Database: demo.sqlite",
 * });
 * assertStringIncludes(text, "http://127.0.0.1:8787/admin");
 * assertStringIncludes(text, '"http://127.0.0.1:8787/admin/threedeye/users?email=alice%40example.com"');
 * ```
 */
export function demoBanner(options: DemoBannerOptions): string {
  const { baseUrl: base, jwt } = options;
  const auth = `-H "X-Admin-API-Key: ${DEMO_ADMIN_API_KEY}" -H "Authorization: Bearer ${jwt}"`;
  const users = Object.entries(DEMO_USERS).map(([name, id]) => `    ${name.padEnd(15)} ${id}`);
  return [
    "",
    `SmartphoneKey admin diagnostics: ${options.title}`,
    "",
    "  STAND-INS in use (loopback imitations, not the real services):",
    `    3dEye    ${options.threedeyeUrl}`,
    `    Turnkey  ${options.turnkeyUrl}`,
    `  ${options.databaseLine}`,
    "",
    `  Demo admin key: ${DEMO_ADMIN_API_KEY}`,
    `  Demo JWT (${DEMO_ADMIN.email}, HS256, expires in 12 h):`,
    `    ${jwt}`,
    "",
    "  Diagnose the healthy demo user:",
    `    curl -s ${base}/admin/threedeye/users/${DEMO_USERS.healthy} ${auth}`,
    "  Find users by email (two share alice's address, in other letter case):",
    `    curl -s "${base}/admin/threedeye/users?email=alice%40example.com" ${auth}`,
    "  Turnkey user through the stand-in:",
    `    curl -s ${base}/admin/turnkey/users/${turnkeyDemoUser.userId} ${auth}`,
    "",
    `  Widget page:  ${base}/admin`,
    `  API docs:     ${base}/docs`,
    `  OpenAPI:      ${base}/openapi.json`,
    "",
    "  Demo users:",
    ...users,
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}
