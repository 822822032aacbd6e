/** A listen address: host (name, IPv4, or bracketed IPv6) and TCP port. */
export interface ListenAddress {
  host: string;
  port: number;
}

const HOST_PORT = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]*)):(\d{1,5})$/;

/** Parses `HOST:PORT` (`[::1]:4318` for IPv6, `:4318` for all interfaces); returns a sentence on failure. */
export function parseListen(text: string): ListenAddress | string {
  const match = HOST_PORT.exec(text.trim());
  if (!match) return `expected HOST:PORT (e.g. 127.0.0.1:4318 or [::1]:4318), got ${JSON.stringify(text)}`;
  const port = Number(match[3]);
  if (port > 65535) return `port ${port} is out of range (0-65535)`;
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
}

export function formatListen(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
