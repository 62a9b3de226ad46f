import { readFile } from 'node:fs/promises';

import { findJsonFault } from './json-fault.js';
import { UsageError } from './usage-error.js';

/** The environment variable the CLI takes the SecretKey from, so it can stay out of the file. */
export const secretEnv = 'TENCENT_SMS_SECRET_KEY';

export type ConfigFile = {
  readonly config: Record<string, unknown>;
  /** Whether accessKeySecret came from the environment rather than the file. */
  readonly secretFromEnv: boolean;
};

const readReasons: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  EISDIR: 'is a directory, not a file',
};

const readText = async (path: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code);
    throw new UsageError(`The config file ${path} ${readReasons[code] ?? `cannot be read (${code})`}.`);
  }
};

/**
 * Reads a connector config file the way an admin wrote it, saying what is wrong when it cannot:
 * missing, unreadable, not JSON (with line and column, never the text: it may hold the secret),
 * not an object. `TENCENT_SMS_SECRET_KEY`, when set, supplies accessKeySecret.
 */
export const readConfigFile = async (path: string): Promise<ConfigFile> => {
  // Editors on Windows may start the file with a byte order mark, which JSON does not allow.
  const text = (await readText(path)).replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new UsageError(`The config file ${path} is empty: it must hold the connector config as a JSON object.`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    const fault = findJsonFault(text);
    const where = fault ? `: ${fault.reason}, at line ${fault.line}, column ${fault.column}` : '';
    throw new UsageError(`The config file ${path} is not valid JSON${where}.`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`The config file ${path} must hold a JSON object.`);
  }
  const fromEnv = process.env[secretEnv];
  return fromEnv
    ? { config: { ...config, accessKeySecret: fromEnv }, secretFromEnv: true }
    : { config: config as Record<string, unknown>, secretFromEnv: false };
};

/** The advice for a config without a SecretKey, naming both places it can come from. */
export const missingSecretAdvice = `accessKeySecret is missing: set the environment variable ${secretEnv} to the SecretKey (it keeps the secret out of the file), or add "accessKeySecret" to the file.`;
