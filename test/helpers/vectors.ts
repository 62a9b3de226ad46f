import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Tc3Vector = {
  name: string;
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  timestamp: number;
  date: string;
  body: string;
  hashedPayload?: string;
  hashedCanonicalRequest?: string;
  signature: string;
};

const shared = fileURLToPath(new URL('../../../shared/vectors/tc3.json', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/tc3.json', import.meta.url));

/**
 * The known-answer vectors. The shared copy beside the checkout is the source of truth; the
 * fixture is the same file, kept so a clone without `../shared` still tests the signer.
 */
export const loadTc3Vectors = (): Tc3Vector[] =>
  (JSON.parse(readFileSync(existsSync(shared) ? shared : fixture, 'utf8')) as { vectors: Tc3Vector[] })
    .vectors;
