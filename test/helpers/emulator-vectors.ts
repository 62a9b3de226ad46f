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
  signature: string;
};

const shared = fileURLToPath(new URL('../../../shared/vectors/tc3.json', import.meta.url));
const bundled = fileURLToPath(new URL('../fixtures/tc3.json', import.meta.url));

/** The shared known-answer vectors when the workspace has them, else the copy in the repo. */
export const loadTc3Vectors = (): Tc3Vector[] => {
  const file = existsSync(shared) ? shared : bundled;
  return (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Tc3Vector[] }).vectors;
};
