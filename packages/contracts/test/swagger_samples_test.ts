import { assertEquals, assertThrows } from "@std/assert";
import { EXTRA_PROPERTY, type SwaggerDocument, SwaggerSamples } from "./swagger_samples.ts";

const TOY: SwaggerDocument = {
  definitions: {
    Lock: {
      type: "object",
      properties: {
        id: { type: "string" },
        battery: { type: "integer", format: "int32" },
        state: { $ref: "#/definitions/LockState" },
        nickname: { type: "string" },
        keys: { type: "array", items: { type: "object", $ref: "#/definitions/Key" } },
      },
      required: ["id", "battery", "state", "keys"],
    },
    LockState: { type: "string", enum: ["LOCKED", "OPEN"] },
    Key: {
      type: "object",
      properties: { holder: { type: "string" } },
      required: ["holder"],
      additionalProperties: {},
    },
  },
};

const samples = new SwaggerSamples(TOY, "Lock");

Deno.test("the full sample fills every property, follows $refs and adds an allowed extra property", () => {
  assertEquals(samples.full(), {
    id: "sample Lock.id",
    battery: 1,
    state: "LOCKED",
    nickname: "sample Lock.nickname",
    keys: [{ holder: "sample Key.holder", [EXTRA_PROPERTY]: { kept: "as received" } }],
  });
});

Deno.test("the required-only sample leaves out optional properties and extras", () => {
  assertEquals(samples.requiredOnly(), {
    id: "sample Lock.id",
    battery: 1,
    state: "LOCKED",
    keys: [{ holder: "sample Key.holder" }],
  });
});

Deno.test("enum samples cover each value at each enum location", () => {
  assertEquals(
    samples.enumSamples().map(({ site, value, sample }) => [
      site.label,
      value,
      (sample as { state: string }).state,
    ]),
    [["Lock.state", "LOCKED", "LOCKED"], ["Lock.state", "OPEN", "OPEN"]],
  );
});

Deno.test("mutations remove each required field and give every location the wrong type", () => {
  const byKey = Object.fromEntries(samples.mutations().map((m) => [m.key, m.sample]));
  assertEquals(Object.keys(byKey), [
    "Lock.id removed",
    "Lock.id wrong type",
    "Lock.battery removed",
    "Lock.battery wrong type",
    "Lock.state removed",
    "Lock.state wrong type",
    "Lock.state unknown enum value",
    "Lock.nickname wrong type",
    "Lock.keys removed",
    "Lock.keys wrong type",
    "Lock.keys[] wrong type",
    "Key.holder removed",
    "Key.holder wrong type",
  ]);
  const full = samples.full() as Record<string, unknown>;
  const { id: _, ...withoutId } = full;
  assertEquals(byKey["Lock.id removed"], withoutId);
  assertEquals((byKey["Lock.id wrong type"] as typeof full).id, 42);
  assertEquals((byKey["Lock.battery wrong type"] as typeof full).battery, "1");
  assertEquals((byKey["Lock.state wrong type"] as typeof full).state, 7);
  assertEquals((byKey["Lock.keys wrong type"] as typeof full).keys, {
    0: "an object is not an array",
  });
  assertEquals((byKey["Lock.keys[] wrong type"] as typeof full).keys, [[
    "an array is not an object",
  ]]);
  assertEquals(
    (byKey["Key.holder removed"] as { keys: unknown[] }).keys,
    [{ [EXTRA_PROPERTY]: { kept: "as received" } }],
  );
  assertEquals(samples.full(), full, "mutations never change the full sample");
});

Deno.test("unknown definitions and unresolvable references are refused", () => {
  assertThrows(() => new SwaggerSamples(TOY, "Door"), RangeError, "no such definition");
  const broken: SwaggerDocument = {
    definitions: { A: { type: "object", properties: { b: { $ref: "#/definitions/B" } } } },
  };
  assertThrows(() => new SwaggerSamples(broken, "A"), RangeError, "not defined");
});
