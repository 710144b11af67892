// A sibling Node 20 ESM service using @spkey/contracts: it validates a diagnostics report it
// received, explains it, and asks Turnkey for a user with its own API key (X-Stamp signed).
//
//   node packages/contracts/examples/node_sibling.mjs < report.json
//
// Settings (env): TURNKEY_API_BASE, TURNKEY_API_PUBLIC_KEY, TURNKEY_API_PRIVATE_KEY,
// TURNKEY_ORGANIZATION_ID, TURNKEY_USER_ID. Prints one JSON line with what it found.
import { readFileSync } from "node:fs";
import { explain, ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import { createApiKeyStamper } from "@spkey/contracts/stamp";
import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";

const env = process.env;
const parsed = ThreedeyeDiagnosticsSchema.safeParse(JSON.parse(readFileSync(0, "utf8")));
const result = {
  runtime: `node ${process.versions.node}`,
  reportValid: parsed.success,
  findings: parsed.success ? explain(parsed.data).map((f) => f.code) : [],
  issues: parsed.success ? [] : parsed.error.issues.map((i) => i.path.join(".")),
};

const turnkey = createTurnkeyClient({
  baseUrl: env.TURNKEY_API_BASE,
  stamper: createApiKeyStamper({
    apiPublicKey: env.TURNKEY_API_PUBLIC_KEY,
    apiPrivateKey: env.TURNKEY_API_PRIVATE_KEY,
  }),
});
try {
  const { user } = await turnkey.getUser({
    organizationId: env.TURNKEY_ORGANIZATION_ID,
    userId: env.TURNKEY_USER_ID,
  });
  result.turnkeyUser = { userName: user.userName, authenticators: user.authenticators.length };
} catch (error) {
  if (!(error instanceof TurnkeyApiError)) throw error;
  result.turnkeyError = { status: error.status, turnkeyErrorCode: error.turnkeyErrorCode ?? null };
}
console.log(JSON.stringify(result));
