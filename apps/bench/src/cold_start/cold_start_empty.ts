/**
 * The cold-start baseline: a script that does nothing. `deno run` of it measures the runtime's
 * own start-up (and workspace config discovery) on this machine, in the same run as the service.
 *
 * @module
 */
export {};
