export { createClient, CLIENT_DEFAULTS } from './create-client.js';
export { isLoopbackHost, detectFlavor, normaliseBaseUrl } from './site-url.js';
export { RequestError, isRequestError } from './errors-map.js';
export type * from './types.js';
