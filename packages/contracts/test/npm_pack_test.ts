// The package as npm ships it: `npm pack` the built package, install the tarball into a sibling
// Node 20 ESM project (offline: zod and @noble/curves are linked from the workspace's
// node_modules), then import every entry point from Node and type-check a consumer against the
// shipped declarations.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { build, PACKAGE_DIR } from "../scripts/build.ts";
import { PUBLISHED_SCHEMAS, SCHEMA_ID_BASE } from "../scripts/json_schemas.ts";

const decoder = new TextDecoder();

async function run(command: string, args: string[], cwd: string) {
  const output = await new Deno.Command(command, {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { npm_config_update_notifier: "false", NO_COLOR: "1" },
  }).output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function mustRun(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.code}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

function workspaceModule(name: string): string {
  return join(PACKAGE_DIR, "..", "..", "node_modules", name);
}

/** Packs the package and installs the tarball into a fresh Node ESM project; returns its dir. */
async function packAndInstall(): Promise<{ dir: string; files: string[] }> {
  await build();
  const dir = await Deno.makeTempDir({ prefix: "spkey-contracts-consumer-" });
  const packed = JSON.parse(
    await mustRun("npm", ["pack", "--json", "--pack-destination", dir], PACKAGE_DIR),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, packed[0].filename);
  const project = join(dir, "consumer");
  const installed = join(project, "node_modules", "@spkey", "contracts");
  await Deno.mkdir(installed, { recursive: true });
  await mustRun("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], dir);
  // The tarball's runtime dependencies, linked from the workspace instead of downloaded.
  await Deno.mkdir(join(project, "node_modules", "@noble"), { recursive: true });
  for (const name of ["zod", "@noble/curves", "@noble/hashes", "ajv", "ajv-formats"]) {
    await Deno.symlink(workspaceModule(name), join(project, "node_modules", name));
  }
  await Deno.writeTextFile(
    join(project, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { "@spkey/contracts": `file:${tarball}`, zod: "*", "@noble/curves": "*" },
    }),
  );
  return { dir, files: packed[0].files.map((f) => f.path) };
}

const NODE_CONSUMER = `
import {
  ThreedeyeDiagnosticsSchema,
  ThreedeyeUserSearchSchema,
  UserSearchEmailSchema,
  explain,
  TurnkeyGetUserResponseSchema,
} from "@spkey/contracts";
import { createApiKeyStamper, verifyStamp } from "@spkey/contracts/stamp";
import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";
import { fetchUpstream, UpstreamError } from "@spkey/contracts/upstream";
import { diagnosticsUrl, getAdminJson } from "@spkey/contracts/admin-client";

const report = ThreedeyeDiagnosticsSchema.parse({
  userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
  user: { found: true, email: "ana@example.com" },
  mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
  recovery: { found: false, roleIds: [] },
  remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
});
const rejected = ThreedeyeDiagnosticsSchema.safeParse({ ...report, userId: "nope" }).success;
const search = ThreedeyeUserSearchSchema.parse({
  email: UserSearchEmailSchema.parse(" Ana@Example.com "),
  candidates: [{ userId: report.userId, email: "ana@example.com", createdAt: null, hasThreedeyeMapping: false }],
  limit: 20,
  truncated: false,
});
const stamper = createApiKeyStamper({
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
});
const body = JSON.stringify({ organizationId: "org-1", userId: "user-1" });
const { stampHeaderName, stampHeaderValue } = await stamper.stamp(body);
const client = createTurnkeyClient({
  stamper,
  fetch: async () => Response.json({ code: 5, message: "user not found", details: [] }, { status: 404 }),
});
const error = await client.getUser({ organizationId: "org-1", userId: "user-1" }).catch((e) => e);
// Node's own fetch and streams: a body past the cap is cut, a redirect is not followed.
const { createServer } = await import("node:http");
const server = createServer((req, res) => {
  if (req.url === "/moved") {
    res.writeHead(307, { location: "/elsewhere" });
    return res.end();
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ data: "x".repeat(4096) }));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = "http://127.0.0.1:" + server.address().port;
const upstream = [];
for (const [path, maxBytes] of [["/big", 1024], ["/moved", 1024], ["/big", 8192]]) {
  try {
    const answer = await fetchUpstream(base + path, {}, { timeoutMs: 2000, maxBytes });
    upstream.push(answer.status);
  } catch (e) {
    upstream.push(e instanceof UpstreamError ? e.kind : String(e));
  }
}
// A traced call: the span's attributes come from Node's URL and streams too.
const spans = [];
const tracer = {
  activeSpan: () => null,
  inSpan: async (name, attributes, work) => {
    const span = { name, attributes: { ...attributes } };
    spans.push(span);
    return work({ setAttributes: (a) => Object.assign(span.attributes, a), fail() {}, rename() {} });
  },
};
await fetchUpstream(base + "/big", {}, { timeoutMs: 2000, maxBytes: 8192, trace: { tracer, name: "big" } });
// The admin client over Node's fetch (its cache and credentials modes included).
const answer = await getAdminJson(diagnosticsUrl(base + "/", "u 1"), { adminKey: "k", jwt: "h.p.s" }, { fresh: true });
const admin = answer.ok ? [answer.status, typeof answer.body.data] : [answer.status, answer.message];
server.close();
console.log(JSON.stringify({
  traced: spans.map((s) => [s.name, s.attributes["server.address"], s.attributes["http.response.body.size"]]),
  node: process.versions.node,
  findings: explain(report).map((f) => f.code),
  rejected,
  stampHeaderName,
  verified: await verifyStamp(body, stampHeaderValue),
  tampered: await verifyStamp(body + " ", stampHeaderValue),
  trusted: await verifyStamp(body, stampHeaderValue, { trustedPublicKeys: [stamper.publicKey] }),
  untrusted: await verifyStamp(body, stampHeaderValue, {
    trustedPublicKeys: ["0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae"],
  }),
  apiError: error instanceof TurnkeyApiError ? [error.status, error.grpcCode] : String(error),
  userSchema: typeof TurnkeyGetUserResponseSchema.parse,
  search: [search.email, search.candidates.length, UserSearchEmailSchema.safeParse("ana").success],
  upstream,
  admin,
}));
`;

// A Node 20 service in another team loading the shipped JSON Schema files both ways Node offers
// (require through createRequire, and an import with a JSON attribute) and validating with Ajv.
const SCHEMA_CONSUMER = `
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import imported from "@spkey/contracts/schemas/diagnostics-report.schema.json" with { type: "json" };

const require = createRequire(import.meta.url);
const files = ${JSON.stringify(PUBLISHED_SCHEMAS.map((entry) => entry.file))};
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const ids = files.map((file) => {
  const schema = require("@spkey/contracts/schemas/" + file);
  ajv.addSchema(schema);
  return schema.$id;
});
const report = ajv.getSchema(imported.$id);
const seedExample = {
  userId: "example_string",
  user: { found: true, email: "null" },
  mapping: { found: true, threedeyeUserId: "null", hasPassword: true, createdAt: "null", remoteAccountExists: "null" },
  recovery: { found: true, roleIds: ["example_string"] },
  remote: { configured: true, customerId: "null", customerUserCount: "null", emailPresentInCustomer: "null", match: "null", sampleEmails: ["user@example.com"], error: "null" },
};
const unknownUser = {
  userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
  user: { found: false, email: null },
  mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
  recovery: { found: false, roleIds: [] },
  remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
};
console.log(JSON.stringify({ ids, valid: report(unknownUser), seed: report(seedExample) }));
`;

// Uses the shipped declarations; every @ts-expect-error fails the check if types were "any".
const TYPED_CONSUMER = `
import {
  type ThreedeyeDiagnostics,
  type ThreedeyeUserSearch,
  type TurnkeyUser,
  explain,
  type Finding,
} from "@spkey/contracts";
import { createApiKeyStamper, type StampResult, verifyStamp } from "@spkey/contracts/stamp";
import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";
import { fetchUpstream, type UpstreamErrorKind } from "@spkey/contracts/upstream";

export function firstCode(report: ThreedeyeDiagnostics): string {
  const findings: Finding[] = explain(report);
  return findings[0].code;
}
export function email(user: TurnkeyUser): string | undefined {
  // @ts-expect-error -- userEmail is optional, so this is string | undefined
  const sure: string = user.userEmail;
  return sure;
}
export function firstCreatedAt(search: ThreedeyeUserSearch): string | null {
  // @ts-expect-error -- createdAt is null when the stored value is not a timestamp
  const sure: string = search.candidates[0].createdAt;
  return sure;
}
export async function stamp(): Promise<StampResult> {
  const stamper = createApiKeyStamper({ apiPublicKey: "02", apiPrivateKey: "01" });
  // @ts-expect-error -- stamp() takes the body as a string
  await stamper.stamp({ organizationId: "o" });
  return stamper.stamp("{}");
}
export function fromTrustedKey(body: string, header: string): Promise<boolean> {
  // @ts-expect-error -- trustedPublicKeys is a list of hex keys
  void verifyStamp(body, header, { trustedPublicKeys: "02…" });
  return verifyStamp(body, header, { trustedPublicKeys: ["02…"] });
}
export function status(error: unknown): number | undefined {
  const client = createTurnkeyClient({ stamper: createApiKeyStamper({ apiPublicKey: "", apiPrivateKey: "" }) });
  // @ts-expect-error -- the request needs organizationId
  void client.getUser({ userId: "u" });
  return error instanceof TurnkeyApiError ? error.status : undefined;
}
export async function body(): Promise<string> {
  // @ts-expect-error -- the byte cap is required
  await fetchUpstream("https://api.invalid/", {}, { timeoutMs: 1000 });
  const kind: UpstreamErrorKind = "too_large";
  return (await fetchUpstream("https://api.invalid/", {}, { timeoutMs: 1000, maxBytes: 1 })).text + kind;
}
`;

Deno.test({
  name: "the npm tarball works for Node 20 and TypeScript consumers",
  // npm pack, tar, node and deno check run as subprocesses; nothing is left open afterwards.
  sanitizeResources: false,
  fn: async (t) => {
    const { dir, files } = await packAndInstall();
    const project = join(dir, "consumer");
    try {
      await t.step(
        "it ships dist JS + declarations, src and the JSON Schemas, but no tests, scripts, examples or benchmarks",
        async () => {
          for (const entry of ["mod", "stamp/mod", "turnkey/mod", "upstream/mod"]) {
            assert(files.includes(`dist/${entry}.js`), `dist/${entry}.js is packed`);
            assert(files.includes(`src/${entry}.ts`), `src/${entry}.ts is packed`);
          }
          const unwanted = /_test\.ts$|^test\/|^bench\/|^scripts\/|^examples\//;
          assertEquals(files.filter((f) => unwanted.test(f)), []);
          const manifest = JSON.parse(
            await Deno.readTextFile(join(project, "node_modules/@spkey/contracts/package.json")),
          );
          assertEquals(manifest.sideEffects, false);
          for (const { file } of PUBLISHED_SCHEMAS) {
            assert(files.includes(`schemas/${file}`), `schemas/${file} is packed`);
          }
          for (const [subpath, target] of Object.entries(manifest.exports)) {
            if (typeof target === "string") {
              assert(files.includes(target.slice(2)), `${subpath}: ${target} is packed`);
              continue;
            }
            const { types, node } = target as Record<string, string>;
            assert(files.includes(node.slice(2)), `${subpath}: node target ${node} is packed`);
            assert(
              files.includes(types.slice(2)),
              `${subpath}: types target ${types} is packed (declarations need the typescript devDependency)`,
            );
          }
        },
      );

      await t.step(
        "a Node 20 ESM project imports it, validates a report and stamps a body",
        async () => {
          const out = await mustRun("node", ["--input-type=module", "-e", NODE_CONSUMER], project);
          const result = JSON.parse(out);
          assertStringIncludes(result.node, "20.");
          assertEquals(result.findings, ["mapping_not_found", "threedeye_not_configured"]);
          assertEquals(result.rejected, false);
          assertEquals(result.stampHeaderName, "X-Stamp");
          assertEquals([result.verified, result.tampered], [true, false]);
          assertEquals([result.trusted, result.untrusted], [true, false]);
          assertEquals(result.apiError, [404, 5]);
          assertEquals(result.search, ["Ana@Example.com", 1, false]);
          assertEquals(result.upstream, ["too_large", "redirect", 200]);
          assertEquals(result.traced, [["big", "127.0.0.1", 4107]]);
          assertEquals(result.admin, [200, "string"]);
        },
      );

      await t.step(
        "a Node 20 project loads the shipped JSON Schemas and Ajv validates a report with them",
        async () => {
          const out = await mustRun(
            "node",
            ["--input-type=module", "-e", SCHEMA_CONSUMER],
            project,
          );
          const result = JSON.parse(out);
          assertEquals(
            result.ids,
            PUBLISHED_SCHEMAS.map((entry) => SCHEMA_ID_BASE + entry.file),
          );
          assertEquals([result.valid, result.seed], [true, false]);
        },
      );

      await t.step(
        "a TypeScript consumer type-checks against the shipped declarations",
        async () => {
          await Deno.writeTextFile(join(project, "consumer.ts"), TYPED_CONSUMER);
          await Deno.writeTextFile(
            join(project, "deno.json"),
            JSON.stringify({ nodeModulesDir: "manual" }),
          );
          // Deno runs the "deno" condition (src) but type-checks through the "types" condition
          // (dist/*.d.ts), as any TypeScript consumer would.
          const checked = await run(Deno.execPath(), ["check", "--quiet", "consumer.ts"], project);
          assertEquals(checked.code, 0, checked.stdout + checked.stderr);
          // And misuse fails the check, so the pass above is not vacuous.
          await Deno.writeTextFile(
            join(project, "broken.ts"),
            'import { explain } from "@spkey/contracts";\nexplain({ userId: 1 });\n',
          );
          const broken = await run(Deno.execPath(), ["check", "--quiet", "broken.ts"], project);
          assert(broken.code !== 0, "misusing explain() must fail the type check");
          assertStringIncludes(broken.stdout + broken.stderr, "TS2");
        },
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
