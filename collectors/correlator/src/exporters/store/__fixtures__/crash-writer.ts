/**
 * Child process for the crash test: writes incidents (and signal batches, as ingest does) into
 * `<dataDir>/lockstep.db` and prints `ack <id>` only after `putIncident` has returned. The test kills it
 * with SIGKILL mid-stream and checks that every acknowledged id survived.
 */
import { writeSync } from 'node:fs';
import { openStore } from '../open';
import { incident, iso, signal, T0 } from './records';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: crash-writer DATA_DIR');
const store = openStore(dataDir);
for (let n = 0; n < 1_000_000; n++) {
  const id = `crash-${n}`;
  store.putSignals(Array.from({ length: 20 }, (_, k) => signal({ id: `${id}-s${k}`, time: iso(T0 + n * 20 + k) })));
  store.putIncident(incident({ id, status: 'open', end: null, start: iso(T0 + n) }), false);
  writeSync(1, `ack ${id}\n`);
}
