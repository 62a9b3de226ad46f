import { sha256Hex } from './hash.js';

export const algorithm = 'TC3-HMAC-SHA256';

/** Step 2 of TC3: the algorithm, the timestamp, the scope and the hashed canonical request. */
export const buildStringToSign = (
  timestamp: number,
  scope: string,
  canonicalRequest: string
): string => [algorithm, String(timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
