import { brotliDecompressSync, gunzipSync, inflateSync, type ZlibOptions } from 'node:zlib';

import { UnreadableResponseError } from './errors.js';

const decoders: Readonly<Record<string, (bytes: Buffer, options: ZlibOptions) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * The body with its `content-encoding` undone, as fetch would. The transport asks for no
 * compression, but a proxy in between may compress anyway, and a compressed SendSms answer read as
 * text is binary noise. Decoded output is held to the same cap as the body itself, so a small
 * compressed body cannot inflate without bound. An encoding that is unknown, stacked, or that does
 * not decode throws an `UnreadableResponseError` naming it.
 */
export const decodeBody = (bytes: Buffer, encoding: string | undefined, limit: number): Buffer => {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity') {
    return bytes;
  }
  const shown = name.slice(0, 40);
  const decode = decoders[name];
  if (!decode) {
    throw new UnreadableResponseError(`a body compressed as "${shown}", which the connector cannot decompress`);
  }
  try {
    return decode(bytes, { maxOutputLength: limit });
  } catch {
    throw new UnreadableResponseError(
      `a body marked as compressed with ${shown} that does not decompress (or would exceed ${limit} bytes)`
    );
  }
};
