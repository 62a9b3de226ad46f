export { signTc3, type SignInput, type Signature } from './sign.js';
export { sha256Hex } from './hash.js';
export { utcDate } from './credential-scope.js';
