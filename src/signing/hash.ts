import { createHash, createHmac, type BinaryLike } from 'node:crypto';

/** Lower-case hex SHA-256, the digest TC3 uses for payloads and canonical requests. */
export const sha256Hex = (data: BinaryLike): string => createHash('sha256').update(data).digest('hex');

/** Raw HMAC-SHA256: TC3 chains raw bytes between key derivation steps, never hex. */
export const hmacSha256 = (key: BinaryLike, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();
