/**
 * Stopping the subprocesses that tests, demos and benchmarks start (the Deno service, wrangler
 * dev, bench servers): SIGTERM first, SIGKILL if the child has not exited after a grace period.
 *
 * @module
 */

/** The part of `Deno.ChildProcess` this needs. */
export interface StoppableChild {
  kill(signal?: Deno.Signal): void;
  readonly status: Promise<Deno.CommandStatus>;
}

/**
 * Asks `child` to stop and waits until it has exited.
 *
 * @param child A spawned process.
 * @param graceMs How long to wait after SIGTERM before SIGKILL (default 5 s).
 * @returns The exit status.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { stopChild } from "@spkey/standins";
 * const child = new Deno.Command(Deno.execPath(), { args: ["eval", "setTimeout(() => {}, 60_000)"] }).spawn();
 * const status = await stopChild(child);
 * assert(!status.success);
 * ```
 */
export async function stopChild(
  child: StoppableChild,
  graceMs = 5000,
): Promise<Deno.CommandStatus> {
  try {
    child.kill("SIGTERM");
  } catch {
    // Already exited.
  }
  const killTimer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // Exited meanwhile.
    }
  }, graceMs);
  try {
    return await child.status;
  } finally {
    clearTimeout(killTimer);
  }
}
