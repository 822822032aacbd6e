import type { Readable } from 'node:stream';
import type { Gunzip } from 'node:zlib';
import { createGunzip } from 'node:zlib';
import { BAD_REQUEST, HttpError, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from '../../http/errors';

export interface BodyLimits {
  /** Decompressed bytes at most (413 past them). */
  maxBytes: number;
  /** Milliseconds without a byte from the client (408 past them). */
  idleTimeoutMs: number;
  /** Reports growth so the caller can account bytes held across concurrent requests; may throw to refuse. */
  onBytes: (delta: number) => void;
}

export const REQUEST_TIMEOUT = 408;

/**
 * Reads a request body whole, decompressing gzip as it streams, and stops as soon as the decompressed size
 * passes `maxBytes`: a gzip bomb costs at most `maxBytes` plus one inflate chunk of memory, never its full size.
 * A client that stops sending (a stalled upload, or a Content-Length longer than what it sent) is answered 408
 * after `idleTimeoutMs`; one that closes early, 400. Bytes after the last gzip member are a corrupt body.
 */
export function readBody(stream: Readable, contentEncoding: string | undefined, limits: BodyLimits): Promise<Buffer> {
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
  const gunzip = encoding === 'identity' ? undefined : createGunzip();
  const source: Readable = gunzip === undefined ? stream : stream.pipe(gunzip);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let received = 0;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      // Stop inflating at once; the rest of the upload is discarded by the HTTP layer.
      gunzip?.destroy();
      stream.unpipe();
      stream.resume();
      reject(error);
    };
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          fail(
            new HttpError(
              REQUEST_TIMEOUT,
              `no byte of the body arrived for ${limits.idleTimeoutMs} ms; send the whole body (is Content-Length right?)`,
            ),
          ),
        limits.idleTimeoutMs,
      );
    };
    arm();
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      arm();
    });
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.maxBytes) {
        fail(
          new HttpError(PAYLOAD_TOO_LARGE, `request body is larger than ${limits.maxBytes} bytes after decompression`),
        );
        return;
      }
      try {
        limits.onBytes(chunk.length);
      } catch (error) {
        fail(error instanceof HttpError ? error : new HttpError(BAD_REQUEST, String(error)));
        return;
      }
      chunks.push(chunk);
    });
    source.on('error', (error: Error) => {
      fail(
        new HttpError(
          BAD_REQUEST,
          gunzip ? `gzip body is corrupt: ${error.message}` : `request body could not be read: ${error.message}`,
        ),
      );
    });
    source.on('end', () => {
      if (settled) return;
      const trailing = gunzip === undefined ? 0 : received - (gunzip as Gunzip).bytesWritten;
      if (trailing > 0) {
        fail(new HttpError(BAD_REQUEST, `gzip body is corrupt: ${trailing} bytes follow its last member`));
        return;
      }
      settled = true;
      clearTimeout(idle);
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    stream.on('aborted', () =>
      fail(new HttpError(BAD_REQUEST, 'the client closed the connection before the body ended')),
    );
    if (gunzip !== undefined) {
      stream.on('error', (error: Error) =>
        fail(new HttpError(BAD_REQUEST, `request body could not be read: ${error.message}`)),
      );
    }
  });
}
