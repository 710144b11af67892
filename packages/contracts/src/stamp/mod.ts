/**
 * `@spkey/contracts/stamp`: Turnkey `X-Stamp` request signing with a P-256 API key, and its
 * verifier. Pure JS (noble), runs in Deno, Node, Workers and browsers.
 *
 * @module
 */
export * from "./api_key_stamper.ts";
export * from "./verify_stamp.ts";
export * from "./stamp_format.ts";
