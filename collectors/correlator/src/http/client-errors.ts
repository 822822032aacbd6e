import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** An error answer's body and its media type, for one protocol (the API's `{error}`, OTLP's google.rpc.Status). */
export type ErrorBody = (status: number, message: string) => { type: string; body: string };

/** Headers every answer of a listener carries, refusals written below fastify included. */
export type FixedHeaders = Readonly<Record<string, string>>;

/** The sentences for the errors Node's HTTP parser reports before a request exists. */
function parserRefusal(error: NodeJS.ErrnoException): { status: number; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request headers are larger than this server accepts.' };
    case 'HPE_INVALID_EOF_STATE':
      return {
        status: 400,
        message: 'The client closed the connection before the request ended (Content-Length too long?).',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time; send it again, faster.' };
    default:
      return { status: 400, message: 'The request is not valid HTTP.' };
  }
}

/**
 * Node's `clientError` (a malformed request line, headers too large, a request that took too long): answered
 * in the listener's own error shape with its fixed headers, then the connection is closed, as Node does.
 */
export function clientErrorHandler(
  write: ErrorBody,
  headers: FixedHeaders,
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, message } = parserRefusal(error);
    // Node keeps the answer in progress on the socket; once its headers went out, nothing more can be written.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && answering?.headersSent !== true) {
      const { type, body } = write(status, message);
      const lines = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        `Content-Type: ${type}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'Connection: close',
      ];
      socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
    }
    socket.destroySoon();
  };
}

/**
 * fastify's own refusals before routing (bad percent-encoding → 400, an over-long path parameter → 414), written
 * like every other answer of the listener instead of fastify's default body without the listener's headers.
 */
export function frameworkErrorHandler(
  write: ErrorBody,
  headers: FixedHeaders,
): (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 400;
    const message =
      status === 414
        ? 'A path parameter is longer than this server accepts.'
        : 'The request URL is not valid (bad percent-encoding?).';
    const { type, body } = write(status, message);
    void reply.code(status).headers(headers).type(type).send(body);
  };
}
