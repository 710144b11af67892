/**
 * Deno entry (Deno Deploy and the local default): configuration from the environment, the
 * database it selects (D1 over HTTP, or the embedded read-only SQLite file), then serve.
 * A bad setting stops start-up with one line on stderr (`error: …`) and exit code 1. SIGTERM or
 * SIGINT stops it gracefully: in-flight requests finish, then the process exits, which is when
 * Deno exports the spans and logs it still holds (`OTEL_DENO=true`); a bare kill would drop them.
 *
 * Run: `deno task start` (from apps/edge), or `deno run -A apps/edge/main.ts`.
 *
 * @module
 */
import { startEdge } from "./src/start_edge.ts";
import { startupErrorLine } from "./src/startup_error.ts";

try {
  const service = await startEdge(Deno.env.toObject());
  const stop = () => service.close().finally(() => Deno.exit(0));
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
} catch (error) {
  console.error(startupErrorLine(error));
  Deno.exit(1);
}
