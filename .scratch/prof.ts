import { Engine } from '../collectors/correlator/src/engine/engine';
const g = (globalThis as any).gc as () => void;
const heap = () => { g(); g(); return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1); };
const engine = new Engine({ anomaly() {}, incident() {} }, {});
const T0 = Date.now() - 600_000;
console.log('start', heap());
const mode = process.argv[2] ?? 'all';
for (let s = 0; s < 6; s++) {
  const t = T0 + s * 10_000;
  for (let h = 0; h < 10_000; h++) {
    const host = `host-${h}`;
    if (mode !== 'proc') engine.ingest({ kind: 'host-cpu', host, time: t, utilization: 0.2, cpus: 2 });
    if (mode !== 'cpu') for (let p = 0; p < 10; p++) engine.ingest({ kind: 'process-cpu', host, time: t + 7, cores: 0.02, process: { pid: 1000 + p, ppid: 1, name: `worker-${p}`, exePath: `/usr/bin/worker-${p}`, commandLine: `/usr/bin/worker-${p} --serve --port ${8000 + p}`, owner: 'app', startTime: T0 - 600_000 } } as any);
  }
  console.log('scrape', s, heap(), JSON.stringify(engine.stats()).slice(0, 200));
}
engine.advance(T0 + 200_000);
console.log('advanced', heap(), JSON.stringify(engine.stats()).slice(0, 300));
