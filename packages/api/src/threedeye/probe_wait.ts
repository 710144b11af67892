/**
 * How a caller of the 3dEye probe waits for work it shares with other callers (the token, a
 * listing): until the work settles, the caller's signal aborts, or its deadline passes, whichever
 * comes first. The client and the listing cache both wait this way, so a caller out of time gets
 * the same message from either, e.g.
 * "3dEye did not answer within the probe deadline of 5000 ms (GET /users)".
 *
 * @module
 */
import { ThreedeyeError } from "../domain.ts";

/** A caller's bounds, resolved: the deadline (ms since the epoch, `Date.now()`) is always set. */
export interface ProbeBudget {
  signal?: AbortSignal;
  deadline: number;
}

/** The error of a caller whose probe deadline passed during `call`. */
export function probeDeadlineError(call: string, probeDeadlineMs: number): ThreedeyeError {
  return new ThreedeyeError(
    `3dEye did not answer within the probe deadline of ${probeDeadlineMs} ms (${call})`,
  );
}

/** The error of a caller that left (its signal aborted) during `call`. */
export function probeCancelledError(call: string): ThreedeyeError {
  return new ThreedeyeError(`3dEye call was cancelled (${call})`);
}

/** The error for a caller that has left or run out of time; null while it may go on. */
export function probeLateness(
  budget: ProbeBudget,
  call: string,
  probeDeadlineMs: number,
): ThreedeyeError | null {
  if (budget.signal?.aborted) return probeCancelledError(call);
  if (budget.deadline <= Date.now()) return probeDeadlineError(call, probeDeadlineMs);
  return null;
}

/**
 * Settles with `work`, or rejects when the caller's signal aborts or its deadline passes first.
 * `work` itself goes on: other callers may still wait for it.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { waitWithinBudget } from "./probe_wait.ts";
 * const budget = { deadline: Date.now() + 1000 };
 * assertEquals(await waitWithinBudget(Promise.resolve(7), budget, "GET /users", 1000), 7);
 * await assertRejects(
 *   () => waitWithinBudget(new Promise(() => {}), { deadline: Date.now() - 1 }, "GET /users", 1000),
 *   Error,
 *   "3dEye did not answer within the probe deadline of 1000 ms (GET /users)",
 * );
 * ```
 */
export function waitWithinBudget<T>(
  work: Promise<T>,
  budget: ProbeBudget,
  call: string,
  probeDeadlineMs: number,
): Promise<T> {
  const late = probeLateness(budget, call, probeDeadlineMs);
  if (late !== null) return Promise.reject(late);
  const { signal, deadline } = budget;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(probeCancelledError(call));
    const timer = setTimeout(
      () => reject(probeDeadlineError(call, probeDeadlineMs)),
      deadline - Date.now(),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    });
  });
}
