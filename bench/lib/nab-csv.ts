/** One sample of a NAB series. */
export interface Point {
  /** Epoch milliseconds. */
  time: number;
  value: number;
}

// NAB writes "2014-02-14 14:30:00", sometimes with a fraction ("…:00.000000"), and no zone: the data is UTC.
const NAB_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/** Epoch ms of a NAB timestamp read as UTC, or undefined when it is not one. */
export function parseNabTime(text: string): number | undefined {
  const m = NAB_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction = ''] = m;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const time = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  return Number.isFinite(time) ? time : undefined;
}

/**
 * Parses a NAB data file (`timestamp,value` with a header line). Throws, naming the source and line, on anything
 * else: a benchmark that silently skipped rows would score a different series. Rows stay in file order, even where
 * the file's clock steps back (machine_temperature_system_failure.csv does once): what a detector makes of that is
 * part of what is measured.
 */
export function parseNabCsv(text: string, source = 'input'): Point[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'timestamp,value') {
    throw new Error(`${source}: expected the header "timestamp,value", found "${header ?? ''}"`);
  }
  const points: Point[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const comma = line.indexOf(',');
    const time = comma > 0 ? parseNabTime(line.slice(0, comma)) : undefined;
    const value = comma > 0 ? Number(line.slice(comma + 1)) : Number.NaN;
    if (time === undefined || !Number.isFinite(value)) {
      throw new Error(`${source}:${i + 1}: expected "YYYY-MM-DD HH:MM:SS,number", found "${line}"`);
    }
    points.push({ time, value });
  }
  return points;
}
