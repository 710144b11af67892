/**
 * The API the browser tests point the widget at, behind one interface.
 *
 * @module
 */
import { startDemoStackBackend } from "./demo_stack_backend.ts";

/** A running API for the widget: base URL, credentials and the faults the tests need. */
export interface WidgetBackend {
  /** Which implementation this is (printed in the test log). */
  kind: "demo-stack" | "fixture";
  /** Origin of the API, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  adminKey: string;
  /** A valid JWT of an admin (email at an admin domain). */
  adminJwt: string;
  /** A valid JWT of someone who is not an admin (403). */
  nonAdminJwt: string;
  /** The Turnkey user the Turnkey stand-in serves. */
  turnkey: { userId: string; organizationId: string; userName: string };
  /** Makes the live 3dEye probe fail (`"error500"`) or succeed again (`null`). */
  setThreedeyeFault(fault: "error500" | null): Promise<void>;
  close(): Promise<void>;
}

/** Starts the API for the browser tests: the real edge service over the demo stack. */
export function startBackend(): Promise<WidgetBackend> {
  return startDemoStackBackend();
}
