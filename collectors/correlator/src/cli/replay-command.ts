import { parseArgs } from 'node:util';
import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import type { ReplayResult } from '../replay/run';
import { FORMAT_DESCRIPTIONS, INPUT_FORMATS } from '../receivers/formats';
import { CatalogError } from '../engine/catalog';
import type { Catalog } from '../engine/catalog';
import { readCatalogFile } from '../replay/catalog-file';
import { replay } from '../replay/run';
import { UnreadableInputError } from '../replay/sources';
import { safeText } from '../model/safe-text';

const HELP = `Usage: lockstep replay [--catalog FILE] [options] FILE...

Correlates recorded telemetry and security events offline, with the same engine as the service.
Each file's format is detected from its content; files are merged in time order.

Input formats (OTLP as the OpenTelemetry Collector's file exporter writes it):
${INPUT_FORMATS.map((f) => `  ${FORMAT_DESCRIPTIONS[f].name.padEnd(22)}${FORMAT_DESCRIPTIONS[f].reads}`).join('\n')}

Output (stdout): one JSON object per line, each in its final state:
  {"type":"anomaly", ...}   every spike detected (CPU or latency)
  {"type":"incident", ...}  every spike joined with security evidence;
                            score >= ${CORRELATED_SCORE} means correlated
  With --findings, also
  {"type":"finding", ...}   every firewall or access change still not reverted
                            past its window (default 4 h), in its final state
Anomalies and incidents list the changes (deploys, packages, configuration,
firewall) on their entity shortly before the spike in "changes".
A summary goes to stderr.

Options:
  --catalog FILE  a service catalogue (YAML): incidents on a matching entity carry
                  "business" and their business sentence speaks in its terms
  --findings      print the temporary changes still open as finding lines
  -q, --quiet     no summary on stderr
  -h, --help      this help

Exit status: 0 on success, 1 when a file cannot be read or recognized (nothing is printed then), 2 on
usage errors.
`;

export async function runReplayCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        catalog: { type: 'string' },
        findings: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`lockstep replay: ${safeText((error as Error).message)}\n\n${HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    process.stderr.write(`lockstep replay: no input files\n\n${HELP}`);
    return 2;
  }
  const quiet = parsed.values.quiet === true;
  let catalog: Catalog | undefined;
  if (parsed.values.catalog !== undefined) {
    try {
      catalog = await readCatalogFile(parsed.values.catalog);
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      // One problem per line, each made safe for the terminal (the file's own text is quoted in them).
      const lines = error.message.split('\n').map((line, i) => (i === 0 ? '' : '  ') + safeText(line));
      process.stderr.write(`lockstep replay: ${lines.join('\n')}\n`);
      return 1;
    }
  }
  const counts = { anomalies: 0, incidents: 0, correlated: 0 };
  const findings = new Map<string, Finding>();
  const out = new LineWriter();
  const started = Date.now();
  let result: ReplayResult;
  try {
    result = await replay(
      parsed.positionals,
      {
        anomaly(anomaly: Anomaly, final: boolean) {
          if (!final) return;
          counts.anomalies += 1;
          out.write(anomaly);
        },
        incident(incident: Incident, final: boolean) {
          if (!final) return;
          counts.incidents += 1;
          if (incident.score >= CORRELATED_SCORE) counts.correlated += 1;
          out.write(incident);
        },
        finding(finding: Finding) {
          findings.set(finding.id, finding);
        },
      },
      {
        engine: { catalog },
        onProgress:
          quiet || !process.stderr.isTTY
            ? undefined
            : (p) => {
                const at = p.dataTime === undefined ? '' : ` (data time ${new Date(p.dataTime).toISOString()})`;
                process.stderr.write(`\r  ${p.observations.toLocaleString('en-US')} observations${at}`);
              },
      },
    );
  } catch (error) {
    if (error instanceof UnreadableInputError) {
      process.stderr.write(`lockstep replay: ${safeText(error.message)}\n`);
      return 1;
    }
    throw error;
  }
  const open = [...findings.values()].filter((f) => f.status === 'open');
  if (parsed.values.findings === true) for (const finding of findings.values()) out.write(finding);
  await out.end();
  if (!quiet) process.stderr.write(summary(result, { ...counts, findings: open.length }, Date.now() - started));
  return 0;
}

function summary(
  result: ReplayResult,
  counts: { anomalies: number; incidents: number; correlated: number; findings: number },
  elapsedMs: number,
): string {
  const lines: string[] = [];
  let bytes = 0;
  for (const source of result.sources) {
    bytes += source.bytes;
    const problems =
      source.malformed > 0
        ? `, ${source.malformed} unreadable (${source.problems.map((line) => safeText(line)).join('; ')})`
        : '';
    const skipped = source.skipped > 0 ? `, ${source.skipped} not used` : '';
    lines.push(
      `  ${safeText(source.path)}: ${source.format}, ${source.observations} observations${skipped}${problems}`,
    );
  }
  const mb = (bytes / 1e6).toFixed(1);
  const head = `lockstep replay: ${result.sources.length} file(s), ${mb} MB in ${(elapsedMs / 1000).toFixed(1)} s: ${counts.anomalies} anomalies, ${counts.incidents} incidents (${counts.correlated} correlated)${counts.findings > 0 ? `, ${counts.findings} temporary change(s) still open` : ''}`;
  return `${head}\n${lines.join('\n')}\n`;
}

/** Buffered JSON-lines writer that respects stdout backpressure and ends quietly on a closed pipe. */
class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor() {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.closed = true;
    });
  }

  write(record: unknown): void {
    if (this.closed) return;
    const line = `${JSON.stringify(record)}\n`;
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0 || this.closed) return;
    process.stdout.write(this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  async end(): Promise<void> {
    this.flush();
    if (this.closed) return;
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  }
}
