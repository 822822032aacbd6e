import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const CHALLENGE = 'Bearer realm="lockstep"';
const BEARER = /^Bearer +(\S+) *$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether an `Authorization` header carries the token. Both sides are hashed first so the comparison is
 * constant-time and always over 32 bytes: neither the token's content nor its length leaks through timing.
 */
export function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const presented = header === undefined ? undefined : BEARER.exec(header)?.[1];
  // Hash something even without a token, so a missing header costs the same as a wrong one.
  const matches = timingSafeEqual(digest(presented ?? ''), expected);
  return presented !== undefined && matches;
}

/** An onRequest hook answering 401 unless the request carries the token; `isPublic` routes pass freely. */
export function requireBearer(token: string, isPublic: (request: FastifyRequest) => boolean) {
  if (token.length === 0)
    throw new Error('The query API token is empty: set a token, or leave it unset to disable auth.');
  const expected = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (isPublic(request) || bearerMatches(request.headers.authorization, expected)) return undefined;
    const presented = request.headers.authorization !== undefined;
    reply
      .code(401)
      .header('www-authenticate', presented ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE)
      .send({
        error: presented
          ? 'The bearer token is not the one this correlator is configured with.'
          : 'This API requires a token: send Authorization: Bearer <token>.',
      });
    return reply;
  };
}
