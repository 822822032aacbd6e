/**
 * What earlier lines of one logging process said about its peer. sshd writes one process per connection, and some
 * of its lines name no address (`Disconnecting: Too many authentication failures for root [preauth]`,
 * `User root not allowed because account is locked`): the address sshd wrote on an earlier line of the same pid
 * is the peer's, taken from the structure rather than guessed from the text.
 */
export interface SessionState {
  srcAddress?: string;
  srcPort?: number;
  destAddress?: string;
  destPort?: number;
  user?: string;
  /** A failed authentication was logged in this session. */
  failed: boolean;
  /** Data time of its last line. */
  lastSeen: number;
}

/** Sessions remembered at once: a busy server has a few hundred connections open; older ones are forgotten first. */
const MAX_SESSIONS = 4096;
/** A session quiet this long (data time) is over; its pid may be reused by a new connection. */
const SESSION_IDLE_MS = 60 * 60 * 1000;

export class SessionTable {
  private readonly sessions = new Map<string, SessionState>();

  /** The session of (host, program, pid), if that process logged before and recently. */
  get(key: string | undefined, time: number): SessionState | undefined {
    if (key === undefined) return undefined;
    const state = this.sessions.get(key);
    if (state === undefined) return undefined;
    if (time - state.lastSeen > SESSION_IDLE_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    return state;
  }

  /** Records what a line said; returns the updated state. */
  update(key: string | undefined, time: number, seen: Partial<Omit<SessionState, 'lastSeen'>>): void {
    if (key === undefined) return;
    const state = this.get(key, time) ?? { failed: false, lastSeen: time };
    if (seen.srcAddress !== undefined && seen.srcAddress !== state.srcAddress) {
      // Another peer on this pid (a reused pid, a program serving several clients): the port and the account named
      // for the last peer are not this one's.
      if (state.srcAddress !== undefined) {
        delete state.srcPort;
        delete state.user;
      }
      state.srcAddress = seen.srcAddress;
    }
    if (seen.srcPort !== undefined) state.srcPort = seen.srcPort;
    if (seen.destAddress !== undefined) state.destAddress = seen.destAddress;
    if (seen.destPort !== undefined) state.destPort = seen.destPort;
    if (seen.user !== undefined) state.user = seen.user;
    if (seen.failed === true) state.failed = true;
    state.lastSeen = Math.max(state.lastSeen, time);
    // Re-inserting keeps the Map in least-recently-used order, so the first key is the one to forget.
    this.sessions.delete(key);
    this.sessions.set(key, state);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
  }
}

/** Sessions are per process: without a pid there is no session to remember. */
export function sessionKey(host: string | undefined, program: string, pid: number | undefined): string | undefined {
  return pid === undefined ? undefined : `${host ?? ''}\u0000${program}\u0000${pid}`;
}
