// The demo reports and real answers of this API, validated against the JSON Schema files
// @spkey/contracts publishes for services in other languages, by an independent validator (Ajv,
// draft 2020-12, strict). The files are imported by their package export, as a Deno consumer
// would. This lives here, not in contracts: the demo expectations and the server belong to the
// API, and contracts must not depend on it.
import { assert, assertEquals } from "@std/assert";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import apiErrorSchema from "@spkey/contracts/schemas/api-error.schema.json" with { type: "json" };
import reportSchema from "@spkey/contracts/schemas/diagnostics-report.schema.json" with {
  type: "json",
};
import turnkeyResponseSchema from "@spkey/contracts/schemas/turnkey-get-user-response.schema.json" with {
  type: "json",
};
import searchSchema from "@spkey/contracts/schemas/user-search.schema.json" with { type: "json" };
import validationErrorSchema from "@spkey/contracts/schemas/validation-error.schema.json" with {
  type: "json",
};
import {
  adminHeaders,
  type Answer,
  DEMO_IDS,
  type DemoState,
  EXPECTED_REPORTS,
  EXPECTED_SEARCHES,
  expectedWithoutThreedeye,
  send,
} from "@spkey/testkit/conformance";
import { startInProcessServer } from "./support/in_process_server.ts";

// ajv-formats is CommonJS: the default import is its module.exports, typed as the namespace.
const addFormats = ajvFormats.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = {
  report: ajv.compile(reportSchema),
  search: ajv.compile(searchSchema),
  apiError: ajv.compile(apiErrorSchema),
  validationError: ajv.compile(validationErrorSchema),
  turnkeyResponse: ajv.compile(turnkeyResponseSchema),
};

function assertValid(validator: ValidateFunction, payload: unknown, what: string): void {
  assert(validator(payload), `${what}: ${ajv.errorsText(validator.errors)}`);
}

const STATES = Object.keys(DEMO_IDS) as DemoState[];

Deno.test(`the ${STATES.length * 2} demo reports the conformance suite expects validate against diagnostics-report.schema.json`, () => {
  for (const state of STATES) {
    assertValid(validate.report, EXPECTED_REPORTS[state], `${state} with 3dEye`);
    assertValid(validate.report, expectedWithoutThreedeye(state), `${state} without 3dEye`);
  }
});

Deno.test("the expected search answers validate against user-search.schema.json", () => {
  const searches = Object.entries(EXPECTED_SEARCHES);
  assert(searches.length >= 5);
  for (const [query, answer] of searches) assertValid(validate.search, answer, query);
});

Deno.test({
  name:
    "what the server answers (reports, searches, envelopes, Turnkey) validates against the published files",
  fn: async () => {
    const { target, close } = await startInProcessServer({
      threedeye: true,
      turnkey: true,
      widget: false,
    });
    try {
      const headers = await adminHeaders(target);
      const get = (path: string, withCredentials = true): Promise<Answer> =>
        send(target, path, withCredentials ? { headers } : {});

      for (const state of STATES) {
        const answer = await get(`/admin/threedeye/users/${DEMO_IDS[state]}`);
        assertEquals(answer.status, 200);
        assertValid(validate.report, answer.json, `report of ${state}`);
      }
      for (const query of Object.keys(EXPECTED_SEARCHES)) {
        const answer = await get(`/admin/threedeye/users?email=${encodeURIComponent(query)}`);
        assertEquals(answer.status, 200);
        assertValid(validate.search, answer.json, `search for ${query}`);
      }
      const errors: [string, boolean, number, ValidateFunction][] = [
        ["/admin/threedeye/users/example_string", true, 400, validate.validationError],
        ["/admin/threedeye/users?email=not-an-address", true, 400, validate.validationError],
        [`/admin/threedeye/users/${DEMO_IDS.healthy}`, false, 401, validate.apiError],
        ["/admin/no-such-route", true, 404, validate.apiError],
        ["/admin/turnkey/users/00000000-0000-4000-8000-00000000dead", true, 404, validate.apiError],
      ];
      for (const [path, withCredentials, status, validator] of errors) {
        const answer = await get(path, withCredentials);
        assertEquals(answer.status, status, path);
        assertValid(validator, answer.json, `${status} of ${path}`);
      }
      assert(target.turnkey !== "unconfigured");
      const user = await get(`/admin/turnkey/users/${target.turnkey.userId}`);
      assertEquals(user.status, 200);
      assertValid(validate.turnkeyResponse, user.json, "Turnkey get_user");
    } finally {
      await close();
    }
  },
});
