/** Thrown when a response body is larger than we are willing to hold in memory. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
  }
}

/**
 * Reads a response body as UTF-8 text, stopping at `limit` bytes and when `signal` aborts. A
 * misbehaving proxy could otherwise stream without end or fill memory, and the sign-in page waits
 * on this read.
 */
export const readCapped = async (
  response: Response,
  limit: number,
  signal: AbortSignal
): Promise<string> => {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);

  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) {
        break;
      }
      size += value.byteLength;
      if (size > limit) {
        throw new BodyTooLargeError(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
};
