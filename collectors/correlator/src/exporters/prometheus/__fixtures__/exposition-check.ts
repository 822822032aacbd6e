import { spawnSync } from 'node:child_process';

/**
 * Checks Prometheus text exposition: with `promtool check metrics` when promtool is on PATH (Debian package
 * `prometheus`; `scripts/system-deps.sh` installs it before `npm test`), and always with a strict line parser, so
 * a test never passes just because promtool is missing. Returns the problems found (empty when valid).
 */
export function checkExposition(text: string): string[] {
  const problems = parseStrictly(text);
  const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (promtool.error === undefined) {
    if (promtool.status !== 0) problems.push(`promtool check metrics: ${promtool.stdout}${promtool.stderr}`.trim());
  } else if (process.env.CI === 'true') {
    problems.push('promtool is not on PATH; CI must install Debian package prometheus (scripts/system-deps.sh)');
  }
  return problems;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const LABELS = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}(?:,[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE})*)?\\}`;
const VALUE = '(?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+)|[-+]?Inf|NaN)';
const SAMPLE = new RegExp(`^(${NAME})(${LABELS})? ${VALUE}(?: -?[0-9]+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

/** The text format's grammar, line by line, plus: every sample belongs to a declared TYPE, and no duplicates. */
function parseStrictly(text: string): string[] {
  const problems: string[] = [];
  const types = new Map<string, string>();
  const samples = new Set<string>();
  if (!text.endsWith('\n')) problems.push('the exposition does not end with a newline');
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line === '') return; // the format ignores empty lines; prom-client separates families with them
    const type = TYPE.exec(line);
    if (type) {
      if (types.has(type[1] as string)) problems.push(`${where}: TYPE of ${type[1]} declared twice`);
      types.set(type[1] as string, type[2] as string);
      return;
    }
    if (HELP.test(line)) return;
    const sample = SAMPLE.exec(line);
    if (!sample) {
      problems.push(`${where}: not a valid sample: ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    const name = sample[1] as string;
    const family = name.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!types.has(name) && !types.has(family)) problems.push(`${where}: ${name} has no TYPE line`);
    const key = `${name}${sample[2] ?? ''}`;
    if (samples.has(key)) problems.push(`${where}: duplicate sample ${key.slice(0, 120)}`);
    samples.add(key);
  });
  return problems;
}
