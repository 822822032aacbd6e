import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessSnapshot, ProcReader } from '../proc/reader';
import { parseTcpTable, socketInode, TCP_ESTABLISHED } from '../proc/net';
import type { ProcessEvidence } from './rules';
import { MINER_POOL_PORTS, SHELLS } from './rules';

/**
 * Reads what the indicator rules need beyond the process table, as cheaply as it can: fd 0 of shells only, and
 * the fd tables of all processes only when some established connection to a pool port exists at all.
 */
export async function gatherEvidence(reader: ProcReader, processes: ProcessSnapshot[]): Promise<ProcessEvidence[]> {
  const poolSockets = await poolSocketInodes(reader.root);
  const owners = poolSockets.size > 0 ? await socketOwners(reader, processes, poolSockets) : new Map();
  return Promise.all(
    processes.map(async (process) => ({
      process,
      stdin: SHELLS.has(process.comm) ? (await reader.link(process.pid, 'fd/0')).target : undefined,
      poolConnections: owners.get(process.pid) ?? [],
    })),
  );
}

/** inode → remote port of established TCP connections (v4 and v6) to mining-pool ports. */
async function poolSocketInodes(root: string): Promise<Map<number, number>> {
  const inodes = new Map<number, number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = await readFile(path.join(root, 'net', table), 'utf8');
    } catch {
      continue;
    }
    for (const socket of parseTcpTable(text)) {
      if (socket.state === TCP_ESTABLISHED && MINER_POOL_PORTS.has(socket.remotePort) && socket.inode > 0) {
        inodes.set(socket.inode, socket.remotePort);
      }
    }
  }
  return inodes;
}

async function socketOwners(
  reader: ProcReader,
  processes: ProcessSnapshot[],
  wanted: Map<number, number>,
): Promise<Map<number, Array<{ port: number }>>> {
  const owners = new Map<number, Array<{ port: number }>>();
  for (const process of processes) {
    let fds: string[];
    try {
      fds = await readdir(path.join(reader.root, String(process.pid), 'fd'));
    } catch {
      continue; // gone, or another user's process without CAP_SYS_PTRACE
    }
    for (const fd of fds) {
      const inode = socketInode((await reader.link(process.pid, `fd/${fd}`)).target ?? '');
      const port = inode === undefined ? undefined : wanted.get(inode);
      if (port === undefined) continue;
      const list = owners.get(process.pid) ?? [];
      list.push({ port });
      owners.set(process.pid, list);
    }
  }
  return owners;
}
