import { changesBehaviour } from './changes';
import { entitiesBehaviour } from './entities';
import type { StoreUnderTest } from './harness';
import { kpisBehaviour } from './kpis';
import { kpisChangesBehaviour } from './kpis-changes';
import { pagesBehaviour } from './pages';
import { pruneBehaviour } from './prune';
import { recordsBehaviour } from './records';

export type { StoreUnderTest } from './harness';

/** Everything an IncidentStore promises, as one suite; each store's test file runs it on that store. */
export function storeBehaviour(subject: StoreUnderTest): void {
  describe(`${subject.name}: records`, () => recordsBehaviour(subject));
  describe(`${subject.name}: keyset pagination`, () => pagesBehaviour(subject));
  describe(`${subject.name}: prune`, () => pruneBehaviour(subject));
  describe(`${subject.name}: kpis`, () => kpisBehaviour(subject));
  describe(`${subject.name}: listEntities`, () => entitiesBehaviour(subject));
  describe(`${subject.name}: changes, findings and assets`, () => changesBehaviour(subject));
  describe(`${subject.name}: kpis of changes, assets and business services`, () => kpisChangesBehaviour(subject));
}
