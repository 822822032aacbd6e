import type { EventResult } from '../../../model/signal';
import { MAX_LINE } from '../../../model/limits';
import { skipped } from '../common/skipped';
import { auditEventResults } from './event';
import type { AuditRecord } from './record';
import { parseAuditLine } from './record';

/** An event is taken as complete once this many later serials have opened: the kernel writes an event's records together, reordering stays local. */
const REORDER_WINDOW = 16;
/** Events held open at once; past this the oldest is emitted as it stands (memory stays bounded on any input). */
const MAX_OPEN_EVENTS = 64;
/** Records kept per event (a rename or a mount has a handful of PATH records; a flood does not grow memory). */
const MAX_RECORDS_PER_EVENT = 64;
/** Characters of record lines kept per event: four maximal lines, so all open events stay under ~16 MB of text. */
const MAX_EVENT_CHARS = 4 * MAX_LINE;
/** Keys of emitted events remembered, so a straggler record is reported instead of emitted as a new event. */
const RECENT_EMITTED = 256;
/** Serials are 32-bit and wrap (see rollover.log): "later" is a forward distance under half the range. */
const SERIAL_RANGE = 2 ** 32;
const HALF_SERIAL_RANGE = 2 ** 31;
/**
 * User-space records (PAM, shadow-utils, sudo, services: the 1100-1299 and 2100+ type ranges) are single-record
 * events with their own serial; they are emitted at once instead of waiting for later serials.
 */
const SINGLE_RECORD_TYPE =
  /^(?:USER_|CRED_|ACCT_|ADD_|DEL_|GRP_|SERVICE_|SYSTEM_|DAEMON_|CRYPTO_|VIRT_|ANOM_LOGIN_|ROLE_|LABEL_|RESP_|SOFTWARE_UPDATE|USYS_CONFIG|CHGRP_ID|CHUSER_ID|TRUSTED_APP)/;

/**
 * How long (wall clock) an incomplete event waits for more of its records before the service emits it as it stands.
 * The kernel writes all records of an event together at the end of the syscall, so a record that has not come within
 * two seconds is not coming: a quiet host's last event becomes a signal then, not when unrelated lines arrive.
 */
export const AUDIT_IDLE_MS = 2_000;

interface OpenEvent {
  key: string;
  node: string;
  serial: number;
  records: AuditRecord[];
  chars: number;
  /** When its last record arrived (the caller's clock; 0 when the caller keeps none, as replay does). */
  arrivedAt: number;
}

/**
 * Joins raw audit.log lines into events by `msg=audit(<time>:<serial>)` (SYSCALL + EXECVE + CWD + PATH +
 * PROCTITLE ...) and turns each event into results. Records of one event may interleave with others or
 * arrive out of order; an event is emitted on its EOE record, once enough later serials have arrived, when
 * the open-event bound is reached, or on flush().
 */
export class AuditdAssembler {
  private readonly open = new Map<string, OpenEvent>();
  private readonly recent = new Set<string>();

  /** One audit.log line; `arrivedAt` (wall-clock ms) lets flushIdle() emit an event whose records stopped coming. */
  push(line: string, arrivedAt = 0): EventResult[] {
    const record = parseAuditLine(line);
    if ('skipped' in record) return [record];
    const node = record.node ?? '';
    const key = `${node}\u0000${record.time}\u0000${record.serial}`;
    const out: EventResult[] = [];
    if (record.type === 'EOE') {
      const event = this.open.get(key);
      if (event) this.emit(event, out);
      return out;
    }
    if (this.recent.has(key)) {
      return [skipped(`auditd: ${record.type} record of event ${record.serial} arrived after the event was emitted`)];
    }
    let event = this.open.get(key);
    if (!event) {
      event = { key, node, serial: record.serial, records: [], chars: 0, arrivedAt };
      this.expireBefore(node, record.serial, out);
      this.open.set(key, event);
    }
    event.arrivedAt = Math.max(event.arrivedAt, arrivedAt);
    const chars = Math.min(line.length, MAX_LINE);
    if (event.records.length < MAX_RECORDS_PER_EVENT && event.chars + chars <= MAX_EVENT_CHARS) {
      event.records.push(record);
      event.chars += chars;
    }
    if (event.records.length === 1 && SINGLE_RECORD_TYPE.test(record.type)) this.emit(event, out);
    else if (this.open.size > MAX_OPEN_EVENTS) this.emitOldest(out);
    return out;
  }

  /** Emits every open event (end of input, or end of a request). */
  flush(): EventResult[] {
    const out: EventResult[] = [];
    // Deleting the entry being visited is safe while iterating a Map.
    for (const event of this.open.values()) this.emit(event, out);
    return out;
  }

  /** Emits the events whose last record arrived AUDIT_IDLE_MS or more before `now` (the service's idle timer). */
  flushIdle(now: number, idleMs = AUDIT_IDLE_MS): EventResult[] {
    const out: EventResult[] = [];
    for (const event of this.open.values()) if (now - event.arrivedAt >= idleMs) this.emit(event, out);
    return out;
  }

  /** Events held open, waiting for more records. */
  get pending(): number {
    return this.open.size;
  }

  private expireBefore(node: string, serial: number, out: EventResult[]): void {
    for (const event of this.open.values()) {
      if (event.node !== node) continue;
      const distance = (serial - event.serial + SERIAL_RANGE) % SERIAL_RANGE;
      if (distance > REORDER_WINDOW && distance < HALF_SERIAL_RANGE) this.emit(event, out);
    }
  }

  private emitOldest(out: EventResult[]): void {
    const oldest = this.open.values().next();
    if (!oldest.done) this.emit(oldest.value, out);
  }

  private emit(event: OpenEvent, out: EventResult[]): void {
    this.open.delete(event.key);
    this.remember(event.key);
    for (const result of auditEventResults(event.records)) out.push(result);
  }

  private remember(key: string): void {
    this.recent.add(key);
    if (this.recent.size > RECENT_EMITTED) {
      const first = this.recent.values().next();
      if (!first.done) this.recent.delete(first.value);
    }
  }
}
