import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangeEvent } from '../../../model/change';
import { isChange } from '../../../model/change';
import type { EventResult, Signal, Skipped } from '../../../model/signal';
import { isSkipped } from '../../../model/signal';

/** Real output of each security and change tool, beside this file (origins and licences in samples/README.md). */
export const SIGNALS = path.join(__dirname, 'samples');

export function signalFile(relative: string): string {
  return path.join(SIGNALS, relative);
}

/** Non-blank lines of a text file under samples/. */
export function lines(relative: string): string[] {
  return readFileSync(signalFile(relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

/** The one line of a sample file that contains `fragment` (fails the test when none or several do). */
export function sampleLine(relative: string, fragment: string): string {
  const found = lines(relative).filter((line) => line.includes(fragment) && !line.startsWith('#'));
  if (found.length === 0) throw new Error(`no line of ${relative} contains ${fragment}`);
  return found[0] as string;
}

/** Parsed JSON lines of a file under samples/. */
export function jsonLines(relative: string): unknown[] {
  return lines(relative).map((line) => JSON.parse(line) as unknown);
}

export function jsonDocument(relative: string): unknown {
  return JSON.parse(readFileSync(signalFile(relative), 'utf8')) as unknown;
}

export function signals(results: EventResult[]): Signal[] {
  return results.filter((r): r is Signal => !isSkipped(r) && !isChange(r));
}

export function changes(results: EventResult[]): ChangeEvent[] {
  return results.filter((r): r is ChangeEvent => !isSkipped(r) && isChange(r));
}

export function skips(results: EventResult[]): Skipped[] {
  return results.filter(isSkipped);
}

/** The one Signal of a result list; fails the test with the results when there is not exactly one. */
export function onlySignal(results: EventResult[]): Signal {
  const found = signals(results);
  if (found.length !== 1) throw new Error(`expected one signal, got ${JSON.stringify(results)}`);
  return found[0] as Signal;
}

/** Replay counts a skip whose reason reads like this as a broken record (see replay/sources.ts). */
export const MALFORMED_REASON = /malformed|missing|invalid|not an? /i;
