/**
 * The 3dEye client (see `client.ts` for the API assumptions it is built on) and the customer
 * listing kept per instance over it (`customer_listing.ts`).
 *
 * @module
 */
export { createThreedeyeClient, type ThreedeyeClientOptions } from "./client.ts";
export {
  createCustomerListingCache,
  type CustomerListingCache,
  type CustomerListingCacheOptions,
  type ListingHold,
  type ListingRequest,
  type ListingView,
} from "./customer_listing.ts";
export { ListingIndex } from "./listing_index.ts";
