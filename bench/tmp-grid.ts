import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
import type { DetectorOptions } from '@lockstep/correlator';
import { loadCorpus } from './lib/corpus/corpus';
import { latencyView, viewOf } from './lib/corpus/views';
import { gridOf, describeOptions } from './lib/cross-validate';
import { streamingDetection } from './lib/detectors';
import { engineSeries } from './lib/replay-path';
import { GROUPS } from './lib/report';
import { scoreSeries, sumScores, falsePositivesPerDay } from './lib/scoring';
const cpu = process.env.CPU === '1';
const corpus = loadCorpus('/work/shared/data').filter((s) => (s.kind === 'cpu') === cpu);
const vals = corpus.map((s) => engineSeries(viewOf(s, latencyView(5, 0.2)).requests(s)));
const grid: DetectorOptions[] = gridOf(JSON.parse(process.env.G!));
const groups = GROUPS.filter((g) => ['CPU', 'latency-like', 'Microsoft hourly (expert labels)', 'all'].includes(g.name));
for (const extra of grid) {
  const scores = corpus.map((s, i) => scoreSeries(s.points, s.windows, streamingDetection(() => new SpikeDetector({ ...detectorOptionsFor(cpu ? 'cpu-utilization' : 'latency'), ...extra }))(vals[i]!)));
  console.log(describeOptions(extra).padEnd(90), groups.map((g) => { const t = sumScores(scores.filter((_, i) => g.members(corpus[i]!))); return `${g.name.slice(0, 9)} ${(t.detected / Math.max(1, t.windows)).toFixed(2)} ${falsePositivesPerDay(t).toFixed(3)}`; }).join(' | '));
}
