/**
 * Deno entry (Deno Deploy and the local default): configuration from the environment, the
 * database it selects (D1 over HTTP, or the embedded read-only SQLite file), then serve.
 * A bad setting stops start-up with one line on stderr (`error: …`) and exit code 1.
 *
 * Run: `deno task start` (from apps/edge), or `deno run -A apps/edge/main.ts`.
 *
 * @module
 */
import { startEdge } from "./src/start_edge.ts";
import { startupErrorLine } from "./src/startup_error.ts";

try {
  await startEdge(Deno.env.toObject());
} catch (error) {
  console.error(startupErrorLine(error));
  Deno.exit(1);
}
