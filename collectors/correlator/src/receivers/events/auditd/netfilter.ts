import type { ChangeEvent, UndoKey } from '../../../model/change';
import type { ChangeResult } from '../../../model/signal';
import { MAX_COMMAND_LINE, MAX_NAME } from '../../../model/limits';
import { basename, cap, nonNegativeInt } from '../common/fields';
import { skipped } from '../common/skipped';
import { execveCommandLine, recordProcess } from './process';
import type { AuditRecord } from './record';
import { proctitleText } from './values';

/**
 * A firewall change from the kernel's NETFILTER_CFG records (one per table or nftables object an event touched), with
 * the command that made it when the event carries it (PROCTITLE or EXECVE of iptables, ip6tables or nft).
 *
 * Record formats, as the kernel has written them:
 * - before 5.7: `table=filter family=2 entries=281` (legacy iptables replacing a table; `entries=0` on registration);
 * - 5.7 to 5.9: `op=replace` / `register` / `unregister`;
 * - 5.10 on: `op=xt_replace`, `xt_register`, ..., and for nftables `table=filter:31 family=2 entries=1
 *   op=nft_register_rule pid=... comm="iptables"` (the table's name and the ruleset generation; entries counts the
 *   objects changed).
 *
 * The kernel's records name no rule, so the revert of a rule is found by its command: `iptables -D CHAIN SPEC` undoes
 * `iptables -A|-I CHAIN SPEC` (same table, family and rule spec), `nft delete element` undoes `nft add element` of
 * the same elements. Only a change that adds one such rule is temporary (a finding when not undone in time); a whole
 * table replaced (iptables-restore, a firewall daemon's reload) or a change with no command line is listed, not
 * tracked — nothing could ever match its revert.
 */

const FAMILIES: Readonly<Record<string, string>> = {
  '0': 'unspecified',
  '1': 'inet',
  '2': 'ipv4',
  '3': 'arp',
  '5': 'netdev',
  '7': 'bridge',
  '10': 'ipv6',
};
/** Table registration by the kernel (a netfilter module loaded): no one changed a rule. */
const REGISTRATION_OPS = new Set(['register', 'xt_register', 'nft_register_gen']);
const IPTABLES = /^(?:ip6?tables|ip6?tables-(?:nft|legacy)|ebtables|arptables)$/;
const MULTI = /^(?:xtables(?:-nft|-legacy)?-multi)$/;
const ADD_OPTIONS = new Set(['-A', '--append', '-I', '--insert']);
const DELETE_OPTIONS = new Set(['-D', '--delete']);
const TABLE_OPTIONS = new Set(['-t', '--table']);
/** iptables options that take a value and say nothing about the rule. */
const WAIT_OPTIONS = new Set(['-w', '--wait', '-W', '--wait-interval']);
const NUMBER = /^\d+$/;
const MAX_OPS_NAMED = 4;

interface Op {
  op: string;
  table: string;
  family: string;
  entries: number | undefined;
}

/** The change of an event with NETFILTER_CFG records, a skip for a bare table registration, undefined for none. */
export function netfilterChange(records: readonly AuditRecord[]): ChangeResult | undefined {
  const configs = records.filter((r) => r.type === 'NETFILTER_CFG');
  const first = configs[0];
  if (first === undefined) return undefined;
  const ops = configs.map(opOf);
  const command = commandLine(records);
  if (command === undefined && ops.every(isRegistration)) {
    return skipped('auditd: NETFILTER_CFG table registration (a netfilter module loaded) changes no rule');
  }
  const syscall = records.find((r) => r.type === 'SYSCALL');
  const change: ChangeEvent = {
    kind: 'change',
    time: first.time,
    source: 'auditd',
    change: 'firewall',
    summary: summaryOf(command, ops, first),
  };
  if (first.node !== undefined) change.host = cap(first.node.toLowerCase(), MAX_NAME);
  const actor = actorOf(syscall ?? first);
  if (actor !== undefined) change.actor = actor;
  const undo = command === undefined ? undefined : undoKey(command);
  if (undo !== undefined) change.undo = undo;
  else change.temporary = false;
  return change;
}

function opOf(record: AuditRecord): Op {
  const entries = nonNegativeInt(record.fields.get('entries'));
  const rawFamily = record.fields.get('family') ?? '';
  const family = FAMILIES[rawFamily] ?? cap(rawFamily, 16);
  // `filter:31` (name:generation), `firewalld:1;filter_FORWARD:85` (5.8-era name:handle;chain:handle): the name.
  const table = cap((record.fields.get('table') ?? '?').split(/[:;]/)[0] ?? '?', MAX_NAME);
  // Before 5.7 no op was written: a replace, or a registration when the table is empty.
  const op = record.fields.get('op') ?? (entries === 0 ? 'register' : 'replace');
  return { op, table, family, entries };
}

function isRegistration(op: Op): boolean {
  return REGISTRATION_OPS.has(op.op) || (op.op === 'nft_register_table' && op.entries === 0);
}

/** `rule registered in filter (ipv4)`, `table filter replaced (ipv4, 281 entries)`, joined for several. */
function summaryOf(command: string | undefined, ops: readonly Op[], first: AuditRecord): string {
  const described = new Map<string, number>();
  for (const op of ops) {
    if (REGISTRATION_OPS.has(op.op) && ops.length > 1) continue;
    const text = describe(op);
    described.set(text, (described.get(text) ?? 0) + 1);
  }
  const parts = [...described].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text));
  const shown = parts.slice(0, MAX_OPS_NAMED).join('; ') + (parts.length > MAX_OPS_NAMED ? '; ...' : '');
  if (command !== undefined) return `${command} (${shown})`;
  const comm = first.fields.get('comm');
  return comm === undefined ? `firewall: ${shown}` : `${cap(comm, MAX_NAME)}: ${shown}`;
}

function describe(op: Op): string {
  const where = `${op.table} (${op.family}${op.entries !== undefined && op.entries > 0 && !op.op.startsWith('nft_') ? `, ${op.entries} entries` : ''})`;
  const nft = /^nft_(register|unregister|reset)_(\w+)$/.exec(op.op);
  if (nft) {
    const verb = nft[1] === 'register' ? 'registered' : nft[1] === 'unregister' ? 'unregistered' : 'reset';
    const object = nft[2] === 'setelem' ? 'set element' : (nft[2] as string);
    return object === 'table' ? `nftables table ${where} ${verb}` : `nftables ${object} ${verb} in ${where}`;
  }
  if (op.op === 'replace' || op.op === 'xt_replace') return `table ${where} replaced`;
  if (op.op === 'unregister' || op.op === 'xt_unregister') return `table ${where} unregistered`;
  if (op.op === 'register' || op.op === 'xt_register') return `table ${where} registered`;
  return `${cap(op.op, 32)} on ${where}`;
}

/** The command line of the process that made the change: EXECVE's argv, else PROCTITLE. */
function commandLine(records: readonly AuditRecord[]): string | undefined {
  const execve = execveCommandLine([...records]);
  if (execve !== undefined) return cap(execve, MAX_COMMAND_LINE);
  const proctitle = records.find((r) => r.type === 'PROCTITLE')?.fields.get('proctitle');
  return proctitle === undefined ? undefined : cap(proctitleText(proctitle), MAX_COMMAND_LINE);
}

/** The login user (auid) where auditd names it or it is set, else the process owner. */
function actorOf(record: AuditRecord): string | undefined {
  const enriched = record.enriched.get('AUID');
  if (enriched !== undefined && enriched !== 'unset') return cap(enriched, MAX_NAME);
  const auid = record.fields.get('auid');
  if (auid !== undefined && auid !== '4294967295' && auid !== '-1' && auid !== 'unset') {
    return NUMBER.test(auid) ? (auid === '0' ? 'root' : `uid ${auid}`) : cap(auid, MAX_NAME);
  }
  return recordProcess(record).owner ?? record.fields.get('comm');
}

/**
 * The rule a firewall command adds or deletes, as a key both sides share: `ipv4 filter OUTPUT -d 10.0.0.1 -j DROP`.
 * Undefined for anything else (a flush, a policy, a restore, a delete by rule number).
 */
export function undoKey(command: string): UndoKey | undefined {
  const words = command.split(/\s+/).filter((w) => w.length > 0);
  // The tool may follow sudo, env or a wrapper: the first word that names one.
  let start = words.findIndex((w) => IPTABLES.test(basename(w)) || MULTI.test(basename(w)) || basename(w) === 'nft');
  if (start < 0) return undefined;
  if (MULTI.test(basename(words[start] as string))) start += 1;
  const tool = basename(words[start] ?? '');
  const args = words.slice(start + 1);
  if (tool === 'nft') return nftKey(args);
  if (!IPTABLES.test(tool)) return undefined;
  const family = tool.startsWith('ip6')
    ? 'ipv6'
    : tool.startsWith('eb')
      ? 'bridge'
      : tool.startsWith('arp')
        ? 'arp'
        : 'ipv4';
  return iptablesKey(family, args);
}

function iptablesKey(family: string, args: readonly string[]): UndoKey | undefined {
  let table = 'filter';
  let op: UndoKey['op'] | undefined;
  let chain: string | undefined;
  const spec: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i] as string;
    if (TABLE_OPTIONS.has(word)) {
      table = args[(i += 1)] ?? table;
    } else if (word.startsWith('--table=')) {
      table = word.slice('--table='.length);
    } else if (WAIT_OPTIONS.has(word)) {
      if (NUMBER.test(args[i + 1] ?? '')) i += 1;
    } else if (ADD_OPTIONS.has(word) || DELETE_OPTIONS.has(word)) {
      if (op !== undefined) return undefined;
      op = ADD_OPTIONS.has(word) ? 'add' : 'remove';
      chain = args[(i += 1)];
      // -I CHAIN 3 inserts at a position (same rule); -D CHAIN 3 deletes by number (no rule spec to match).
      if (NUMBER.test(args[i + 1] ?? '')) {
        if (op === 'remove') return undefined;
        i += 1;
      }
    } else if (word === '-v' || word === '--verbose' || word === '-n' || word === '--numeric') {
      continue;
    } else {
      spec.push(word);
    }
  }
  if (op === undefined || chain === undefined || spec.length === 0) return undefined;
  return { op, key: cap(`${family} ${table} ${chain} ${spec.join(' ')}`, MAX_COMMAND_LINE) };
}

/** `nft add|delete element FAMILY TABLE SET { ... }`; `nft add|insert rule ...` opens (its delete names a handle). */
function nftKey(args: readonly string[]): UndoKey | undefined {
  const words = args.filter((w) => !w.startsWith('-'));
  const [verb, object, ...rest] = words;
  if (object === 'element' && (verb === 'add' || verb === 'delete') && rest.length > 0) {
    return { op: verb === 'add' ? 'add' : 'remove', key: cap(`nft element ${rest.join(' ')}`, MAX_COMMAND_LINE) };
  }
  if (object === 'rule' && (verb === 'add' || verb === 'insert') && rest.length > 0) {
    return { op: 'add', key: cap(`nft rule ${rest.join(' ')}`, MAX_COMMAND_LINE) };
  }
  return undefined;
}

/** Account records that grant or remove access, and what undoes them. */
const ACCOUNT_CHANGES: ReadonlyMap<string, { what: string; op: UndoKey['op']; noun: 'user' | 'group' }> = new Map([
  ['ADD_USER', { what: 'user account added', op: 'add', noun: 'user' }],
  ['DEL_USER', { what: 'user account deleted', op: 'remove', noun: 'user' }],
  ['ADD_GROUP', { what: 'group added', op: 'add', noun: 'group' }],
  ['DEL_GROUP', { what: 'group deleted', op: 'remove', noun: 'group' }],
]);
const SUCCEEDED = new Set(['success', '1', 'yes']);

/**
 * The other configuration records auditd writes: `CONFIG_CHANGE` (audit rules or settings changed: a `config`
 * change), `ADD_USER`/`DEL_USER`/`ADD_GROUP`/`DEL_GROUP` (an `access` change, temporary until the inverse record
 * for the same account), and `USER_CMD` when sudo runs a firewall tool (a `firewall` change keyed like the kernel's
 * records). Undefined for anything else, or a record that reports a failure.
 */
export function configurationChange(records: readonly AuditRecord[]): ChangeResult | undefined {
  const record = records.find((r) => r.type === 'CONFIG_CHANGE') ?? records[0];
  if (record === undefined || !SUCCEEDED.has(record.fields.get('res') ?? 'success')) return undefined;
  if (record.type === 'CONFIG_CHANGE') return auditConfigChange(record, records);
  const account = ACCOUNT_CHANGES.get(record.type);
  if (account !== undefined) return accountChange(record, account);
  if (record.type === 'USER_CMD') return sudoFirewallChange(record);
  return undefined;
}

function base(record: AuditRecord, change: string, summary: string): ChangeEvent {
  const event: ChangeEvent = { kind: 'change', time: record.time, source: 'auditd', change, summary };
  if (record.node !== undefined) event.host = cap(record.node.toLowerCase(), MAX_NAME);
  const actor = actorOf(record);
  if (actor !== undefined) event.actor = actor;
  return event;
}

/** `audit rule added (key "pam")`, `audit_enabled 0 (was 1)`. */
function auditConfigChange(record: AuditRecord, records: readonly AuditRecord[]): ChangeEvent {
  const op = record.fields.get('op');
  const key = record.fields.get('key');
  const settings = [...record.fields.keys()].filter((k) => k.startsWith('audit_') || k === 'enabled');
  let summary: string;
  if (op === 'add_rule' || op === 'remove_rule') {
    summary = `audit rule ${op === 'add_rule' ? 'added' : 'removed'}${key === undefined ? '' : ` (key "${cap(key, MAX_NAME)}")`}`;
  } else if (settings.length > 0) {
    const setting = settings[0] as string;
    const old = record.fields.get('old');
    summary = `audit setting ${setting} = ${cap(record.fields.get(setting) ?? '?', 64)}${old === undefined ? '' : ` (was ${cap(old, 64)})`}`;
  } else {
    summary = `audit configuration changed${op === undefined ? '' : ` (${cap(op, 64)})`}`;
  }
  const command = commandLine(records);
  const change = base(
    records.find((r) => r.type === 'SYSCALL') ?? record,
    'config',
    command === undefined ? summary : `${command} (${summary})`,
  );
  change.temporary = false;
  return change;
}

function accountChange(record: AuditRecord, account: { what: string; op: UndoKey['op']; noun: string }): ChangeEvent {
  const name = record.fields.get('acct');
  const id = record.fields.get('id');
  const who = name !== undefined ? `"${cap(name, MAX_NAME)}"` : id !== undefined ? `id ${cap(id, 32)}` : undefined;
  const exe = record.fields.get('exe');
  const tool = exe === undefined ? '' : ` by ${basename(exe)}`;
  const change = base(record, 'access', `${account.what}${who === undefined ? '' : ` ${who}`}${tool}`);
  if (who !== undefined) change.undo = { op: account.op, key: `${account.noun} ${who}` };
  else change.temporary = false;
  return change;
}

/** sudo running iptables, ip6tables or nft (`cmd`, hex-decoded): a firewall change; anything else is none. */
function sudoFirewallChange(record: AuditRecord): ChangeEvent | undefined {
  const command = record.fields.get('cmd');
  if (command === undefined) return undefined;
  const first = basename(command.split(/\s+/)[0] ?? '');
  if (!IPTABLES.test(first) && !MULTI.test(first) && first !== 'nft') return undefined;
  const change = base(record, 'firewall', `sudo ${cap(command, MAX_COMMAND_LINE)}`);
  const undo = undoKey(command);
  if (undo !== undefined) change.undo = undo;
  else change.temporary = false;
  return change;
}
