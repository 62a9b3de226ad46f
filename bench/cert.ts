import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { tencentHost } from './host.js';

export type Certificate = {
  readonly dir: string;
  readonly certPath: string;
  readonly key: string;
  readonly cert: string;
  readonly remove: () => void;
};

/**
 * Makes a throw-away self-signed certificate for the Tencent host with openssl, in a private
 * temporary directory. The children trust it through NODE_EXTRA_CA_CERTS, so every candidate
 * verifies TLS exactly as it would against Tencent, with no `rejectUnauthorized` shortcut.
 */
export const makeCertificate = (): Certificate => {
  const dir = mkdtempSync(join(tmpdir(), 'tencent-sms-bench-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '1',
        '-subj', `/CN=${tencentHost}`,
        '-addext', `subjectAltName=DNS:${tencentHost}`,
        '-addext', 'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make the bench certificate: ${String(error)}`);
  }
  return {
    dir,
    certPath,
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
