import { OtlpMetricsDecoder } from '../collectors/correlator/src/receivers/otlp/metrics/decoder';
import { Engine } from '../collectors/correlator/src/engine/engine';
import { hostmetricsLines } from '../bench/load/hostmetrics-lines';
const g = (globalThis as any).gc as () => void;
const heap = () => { g(); g(); return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1); };
const decoder = new OtlpMetricsDecoder();
const withEngine = process.argv[2] === 'engine';
const engine = new Engine({ anomaly() {}, incident() {} }, {});
const start = Date.now() - 300_000;
console.log('start', heap());
let n = 0;
for (const line of hostmetricsLines({ hosts: 10000, processesPerHost: 10, cpus: 2, intervalMs: 10000, scrapes: 6, startMs: start })) {
  const r = decoder.decode(JSON.parse(line));
  if (withEngine) for (const s of r.samples) engine.ingest(s);
  if (++n % 40000 === 0) console.log(n, heap(), withEngine ? JSON.stringify(engine.stats()) : '');
}
console.log('end', heap());
