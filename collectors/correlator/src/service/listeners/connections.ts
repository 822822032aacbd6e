import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * At most `perClient` open connections from one remote address: past it, a new connection is answered 429 with
 * Retry-After and closed before anything of it is read, so one client opening connections by the thousand
 * cannot take the listener's sockets (`server.maxConnections` bounds them all) from every other sender.
 */
export function capConnectionsPerClient(server: Server, perClient: number, retryAfterSeconds: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? '';
    const count = (open.get(client) ?? 0) + 1;
    if (count > perClient) {
      refuse(socket, client, retryAfterSeconds);
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left <= 0) open.delete(client);
      else open.set(client, left);
    });
  });
}

function refuse(socket: Socket, client: string, retryAfterSeconds: number): void {
  const body = JSON.stringify({
    code: 8,
    message: `too many connections from ${client.slice(0, 45)}; reuse the open ones or retry later`,
  });
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Retry-After: ${retryAfterSeconds}\r\nConnection: close\r\n\r\n${body}`,
  );
}
