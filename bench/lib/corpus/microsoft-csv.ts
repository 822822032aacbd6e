import type { Point } from '../nab-csv';

// Microsoft's cloud-monitoring CSVs write "2018-03-15T00:00:00Z" (quoted) or "2018-07-03 14:00:00" (zone-less, UTC).
const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})Z?$/;

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Parses a Microsoft cloud-monitoring series (`TimeStamp,Value,Label`, fields optionally quoted). A row with an
 * empty value is kept as NaN, so row counts (and so the probation) match the published index; detectors skip it.
 * Throws, naming the source and line, on anything else.
 */
export function parseMicrosoftCsv(text: string, source = 'input'): Point[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map(unquote).join(',');
  if (header !== 'TimeStamp,Value,Label') {
    throw new Error(`${source}: expected the header "TimeStamp,Value,Label", found "${lines[0] ?? ''}"`);
  }
  const points: Point[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const [rawTime = '', rawValue = ''] = line.split(',').map(unquote);
    const m = TIME.exec(rawTime);
    const time = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
    const value = rawValue === '' ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(time) || (rawValue !== '' && !Number.isFinite(value))) {
      throw new Error(`${source}:${i + 1}: expected "TimeStamp,Value,Label", found "${line}"`);
    }
    points.push({ time, value });
  }
  return points;
}
