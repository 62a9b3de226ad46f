export { createTransportFetch, defaultMaxResponseBytes, type TransportOptions } from './create-fetch.js';
export { ResponseTooLargeError, StaleSocketError } from './errors.js';
