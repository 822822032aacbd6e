/** One socket of /proc/net/tcp or tcp6. */
export interface TcpSocket {
  remotePort: number;
  remoteAddress: string;
  /** Kernel TCP state number; 1 = ESTABLISHED. */
  state: number;
  inode: number;
}

export const TCP_ESTABLISHED = 1;

/** Parses /proc/net/tcp or /proc/net/tcp6 (the header line is skipped). */
export function parseTcpTable(text: string): TcpSocket[] {
  const out: TcpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [address, port] = (fields[2] ?? '').split(':');
    const inode = Number(fields[9]);
    if (address === undefined || port === undefined || !Number.isFinite(inode)) continue;
    out.push({
      remoteAddress: address,
      remotePort: parseInt(port, 16),
      state: parseInt(fields[3] ?? '', 16),
      inode,
    });
  }
  return out;
}

/** The inode of a `socket:[12345]` fd link target, else undefined. */
export function socketInode(linkTarget: string): number | undefined {
  const match = /^socket:\[(\d+)\]$/.exec(linkTarget);
  return match ? Number(match[1]) : undefined;
}
