export {
  createTransportFetch,
  type TransportFetch,
  type TransportOptions,
} from './create-fetch.js';
export type { TransportInit } from './request-parts.js';
export { ResponseTooLargeError, StaleSocketError, UnreadableResponseError } from './errors.js';
