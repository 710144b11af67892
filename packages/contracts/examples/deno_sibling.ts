/**
 * A sibling Deno service using `@spkey/contracts`: validates a diagnostics report it received,
 * explains it, and asks Turnkey for a user with its own API key (X-Stamp signed). The same code
 * runs on Deno Deploy and in Workers (no Node or Deno APIs in the contracts package).
 *
 * ```sh
 * deno run --allow-net --allow-env packages/contracts/examples/deno_sibling.ts < report.json
 * ```
 *
 * Settings (env): TURNKEY_API_BASE, TURNKEY_API_PUBLIC_KEY, TURNKEY_API_PRIVATE_KEY,
 * TURNKEY_ORGANIZATION_ID, TURNKEY_USER_ID. Prints one JSON line with what it found.
 *
 * @module
 */
import { explain, ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import { createApiKeyStamper } from "@spkey/contracts/stamp";
import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";

const setting = (name: string): string => Deno.env.get(name) ?? "";
const input = await new Response(Deno.stdin.readable).text();
const parsed = ThreedeyeDiagnosticsSchema.safeParse(JSON.parse(input));
const result: Record<string, unknown> = {
  runtime: `deno ${Deno.version.deno}`,
  reportValid: parsed.success,
  findings: parsed.success ? explain(parsed.data).map((f) => f.code) : [],
  issues: parsed.success ? [] : parsed.error.issues.map((i) => i.path.join(".")),
};

const turnkey = createTurnkeyClient({
  baseUrl: setting("TURNKEY_API_BASE"),
  stamper: createApiKeyStamper({
    apiPublicKey: setting("TURNKEY_API_PUBLIC_KEY"),
    apiPrivateKey: setting("TURNKEY_API_PRIVATE_KEY"),
  }),
});
try {
  const { user } = await turnkey.getUser({
    organizationId: setting("TURNKEY_ORGANIZATION_ID"),
    userId: setting("TURNKEY_USER_ID"),
  });
  result.turnkeyUser = { userName: user.userName, authenticators: user.authenticators.length };
} catch (error) {
  if (!(error instanceof TurnkeyApiError)) throw error;
  result.turnkeyError = { status: error.status, turnkeyErrorCode: error.turnkeyErrorCode ?? null };
}
console.log(JSON.stringify(result));
