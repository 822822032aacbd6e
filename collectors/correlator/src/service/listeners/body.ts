import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BAD_REQUEST, HttpError, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from '../../http/errors';

/**
 * Reads a request body whole, decompressing gzip as it streams, and stops as soon as the decompressed size
 * passes `maxBytes`: a gzip bomb costs at most `maxBytes` plus one inflate chunk of memory, never its full size.
 * `onBytes` reports growth so the caller can account bytes held across concurrent requests.
 */
export function readBody(
  stream: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  onBytes: (delta: number) => void,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    stream.resume();
    return Promise.reject(
      new HttpError(
        UNSUPPORTED_MEDIA_TYPE,
        `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported; send identity or gzip`,
      ),
    );
  }
  const source: Readable = encoding === 'identity' ? stream : stream.pipe(createGunzip());
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      // Stop inflating at once; the rest of the upload is discarded by the HTTP layer.
      if (source !== stream) source.destroy();
      stream.unpipe();
      stream.resume();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        fail(new HttpError(PAYLOAD_TOO_LARGE, `request body is larger than ${maxBytes} bytes after decompression`));
        return;
      }
      onBytes(chunk.length);
      chunks.push(chunk);
    });
    source.on('error', (error: Error) => {
      const gzip = source !== stream;
      fail(
        new HttpError(
          BAD_REQUEST,
          gzip ? `gzip body is corrupt: ${error.message}` : `request body could not be read: ${error.message}`,
        ),
      );
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    if (source !== stream) {
      stream.on('error', (error: Error) =>
        fail(new HttpError(BAD_REQUEST, `request body could not be read: ${error.message}`)),
      );
    }
  });
}
