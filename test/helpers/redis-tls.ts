import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { endRedisServer, freePort, launchRedisServer } from './redis-server.js';

const run = promisify(execFile);

/** The PEM files of a throwaway CA, a server certificate for 127.0.0.1 and a client certificate. */
export type TlsFiles = { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };

/** Makes the files with the `openssl` command (P-256 keys, valid for two days). */
const makeCertificates = async (dir: string): Promise<TlsFiles> => {
  const file = (name: string) => path.join(dir, name);
  const openssl = async (...args: string[]) => run('openssl', args, { cwd: dir });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl('req', '-x509', '-new', ...key, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=connector test CA');
  const signed = async (name: string, extensions: string) => {
    await openssl('req', '-new', ...key, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${name}`);
    await writeFile(file(`${name}.ext`), extensions);
    await openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${name}.pem`), '-days', '2', '-extfile', file(`${name}.ext`));
  };
  await signed('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await signed('client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
    clientCert: file('client.pem'),
    clientKey: file('client.key'),
  };
};

export type TlsRedis = { port: number; password: string; files: TlsFiles; stop: () => Promise<void> };

/**
 * A Debian `redis-server` that speaks only TLS on a free loopback port and asks clients for a
 * certificate signed by its CA. Stopped by its PID only.
 */
export const startTlsRedis = async (password = 'tls-PASS-41aa-do-not-leak'): Promise<TlsRedis> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'redis-tls-'));
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child) {
      await endRedisServer(child);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const files = await makeCertificates(dir);
    const port = await freePort();
    child = await launchRedisServer([
      '--port', '0',
      '--tls-port', String(port),
      '--bind', '127.0.0.1',
      '--tls-cert-file', files.serverCert,
      '--tls-key-file', files.serverKey,
      '--tls-ca-cert-file', files.ca,
      '--tls-auth-clients', 'yes',
      '--save', '',
      '--appendonly', 'no',
      '--requirepass', password,
    ]);
    return { port, password, files, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
