/**
 * The load generator process: reads one {@linkcode LoadPlan} as JSON on stdin, runs it, prints
 * its {@linkcode PlanFigures} as one JSON line on stdout. It runs as its own Deno process (with
 * network access to loopback only) so that generating load never shares an event loop with the
 * server under test. Started by `spawnLoadClient()`; not meant to be run by hand.
 *
 * @module
 */
import { type LoadPlan, runLoadPlan } from "./load_plan.ts";

const plan = JSON.parse(await new Response(Deno.stdin.readable).text()) as LoadPlan;
console.log(JSON.stringify(await runLoadPlan(plan)));
