/**
 * One named conformance check against a target.
 *
 * @module
 */
import type { ConformanceTarget } from "./target.ts";

/** A named check. */
export interface ConformanceCase {
  name: string;
  run(target: ConformanceTarget): Promise<void>;
}
