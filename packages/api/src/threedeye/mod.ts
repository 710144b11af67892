/**
 * The 3dEye client (see `client.ts` for the API assumptions it is built on).
 *
 * @module
 */
export { createThreedeyeClient, type ThreedeyeClientOptions } from "./client.ts";
