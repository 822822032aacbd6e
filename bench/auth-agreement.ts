/**
 * How many of the failed authentications other parsers flag in real auth logs Lockstep turns into alerts, and how
 * often its user and source address agree with theirs:
 *
 *   npm run bench:auth [-- --data DIR ...]
 *
 * Without --data it reads the labelled logs shipped as test fixtures (fail2ban's annotated sshd, dropbear and
 * pam test logs). --data adds directories holding more: fail2ban's `fail2ban/tests/files/logs/`, or Elastic's
 * `X.log` + `X.log-expected.json` pipeline tests (bench/lib/auth/labels.ts says how each is read). Each file runs
 * through one AuthLogReader in order, as `POST /v1/events/auth` reads a stream; a flagged line is found when it
 * raises an alert. Recall is over failed authentications; fail2ban's ddos-mode flags (connection floods, not
 * authentications) are shown beside it, and the user/address agreement covers every flag found.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Signal } from '@lockstep/correlator';
import { AuthLogReader, isSkipped } from '@lockstep/correlator';
import type { LabelledLog } from './lib/auth/labels';
import { findLabelledLogs } from './lib/auth/labels';

const SHIPPED = path.join(__dirname, '../collectors/correlator/src/receivers/events/__fixtures__/samples/auth');
/** Yearless lines are dated near this; the figures do not depend on it. */
const REFERENCE_TIME = Date.UTC(2020, 0, 1);

interface Tally {
  flagged: number;
  found: number;
  /** Connection floods fail2ban bans in its ddos mode only: not failed authentications, counted apart. */
  connections: number;
  connectionsFound: number;
  users: number;
  usersAgree: number;
  addresses: number;
  addressesAgree: number;
  disagreements: string[];
}

function sameProcess(a: Signal, b: Signal): boolean {
  return a.process?.pid !== undefined && a.process.pid === b.process?.pid && a.process.name === b.process?.name;
}

function tally(logs: readonly LabelledLog[]): Tally {
  const t: Tally = {
    flagged: 0,
    found: 0,
    connections: 0,
    connectionsFound: 0,
    users: 0,
    usersAgree: 0,
    addresses: 0,
    addressesAgree: 0,
    disagreements: [],
  };
  for (const log of logs) {
    const reader = new AuthLogReader();
    const signals = log.lines.map((line) =>
      reader.read(line, { referenceTime: REFERENCE_TIME }).filter((r): r is Signal => !isSkipped(r)),
    );
    const alertsAt = (i: number): Signal[] => (signals[i] ?? []).filter((s) => s.kind === 'alert');
    for (const flagged of log.flagged) {
      let alert = alertsAt(flagged.index)[0];
      if (alert === undefined && flagged.connection) {
        // fail2ban's verdict on the connection so far: the failures are earlier lines of the same process.
        const here = signals[flagged.index]?.[0];
        for (let i = flagged.index - 1; here !== undefined && alert === undefined && i >= 0; i -= 1) {
          alert = alertsAt(i).find((a) => sameProcess(a, here) && a.srcAddress === flagged.address);
        }
      }
      if (flagged.kind === 'connection') {
        t.connections += 1;
        if (alert === undefined) {
          t.disagreements.push(`flood    ${flagged.line}`);
          continue;
        }
        t.connectionsFound += 1;
      } else {
        t.flagged += 1;
        if (alert === undefined) {
          t.disagreements.push(`missed   ${flagged.line}`);
          continue;
        }
        t.found += 1;
      }
      if (flagged.user !== undefined) {
        t.users += 1;
        if (alert.user === flagged.user) t.usersAgree += 1;
        else
          t.disagreements.push(
            `user     ${JSON.stringify(alert.user)} vs ${JSON.stringify(flagged.user)}: ${flagged.line}`,
          );
      }
      if (flagged.address !== undefined) {
        t.addresses += 1;
        if (alert.srcAddress === flagged.address) t.addressesAgree += 1;
        else {
          t.disagreements.push(
            `address  ${JSON.stringify(alert.srcAddress)} vs ${JSON.stringify(flagged.address)}: ${flagged.line}`,
          );
        }
      }
    }
  }
  return t;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

function report(name: string, t: Tally): void {
  console.log(
    `${name.padEnd(10)} flagged ${String(t.flagged).padStart(4)}  alerts ${String(t.found).padStart(4)} ` +
      `(${percent(t.found, t.flagged)})  users agree ${t.usersAgree}/${t.users} (${percent(t.usersAgree, t.users)})  ` +
      `addresses agree ${t.addressesAgree}/${t.addresses} (${percent(t.addressesAgree, t.addresses)})` +
      (t.connections === 0
        ? ''
        : `  [ddos-mode connection flags: alerts ${t.connectionsFound}/${t.connections}, not in the recall]`),
  );
}

function main(args: string[]): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string', multiple: true } } });
  const logs = findLabelledLogs([SHIPPED, ...(values.data ?? [])]);
  if (logs.length === 0) {
    console.error('No labelled auth logs found (fail2ban failJSON annotations or Elastic -expected.json files).');
    return 1;
  }
  console.log(`${logs.length} labelled logs: ${logs.map((l) => path.basename(l.file)).join(', ')}`);
  const all = tally(logs);
  for (const by of ['fail2ban', 'elastic'] as const) {
    const mine = logs.filter((l) => l.by === by);
    if (mine.length > 0) report(by, tally(mine));
  }
  report('all', all);
  if (all.disagreements.length > 0) console.log(`\n${all.disagreements.join('\n')}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
