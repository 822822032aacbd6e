import { safeText } from '../model/safe-text';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

/** Where the service's log lines go: one line each. */
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

/**
 * One JSON object per line on stderr. Strings from the outside (paths, hosts, error messages) go through
 * `safeText` (model/safe-text.ts), and JSON escapes what remains, so no input can forge a line or send terminal escapes.
 */
export function jsonLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return (level, message, fields = {}) => {
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg: safeText(message) };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) record[safeText(key)] = typeof value === 'string' ? safeText(value) : value;
    }
    write(`${JSON.stringify(record)}\n`);
  };
}

/** Drops every line (tests that do not look at logs). */
export const silentLogger: Logger = () => {};
