import { loadCorpus } from './lib/corpus/corpus';
import { latencyView, viewOf } from './lib/corpus/views';
import { engineSeries } from './lib/replay-path';
import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
const s = loadCorpus('/work/shared/data').find((x) => x.name === (process.env.S ?? 'app1-04'))!;
const v = engineSeries(viewOf(s, latencyView(5, 0.2)).requests(s));
const d = new SpikeDetector({ ...detectorOptionsFor('latency'), ...JSON.parse(process.env.O ?? '{}') });
const opens: number[] = [];
v.forEach((p) => { for (const e of d.push(p.time, p.value)) if (e.type === 'open') opens.push(e.start); });
for (const w of s.windows) {
  const inside = opens.filter((o) => o >= w.start && o <= w.end);
  const vals = v.filter((p) => p.time >= w.start - 3 * 3600e3 && p.time <= w.end).map((p) => p.value.toFixed(3));
  console.log(new Date(w.start).toISOString().slice(5, 16), inside.length ? 'HIT ' : 'miss', vals.join(' '));
}
console.log('opens', opens.length);
