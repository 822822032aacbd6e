import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PROMETHEUS } from './datasources';

/** A range query on the provisioned Prometheus; `legend` uses Prometheus label templates such as `{{host_name}}`. */
export function promRange(refId: string, expr: string, legend: string): Builder<Dataquery> {
  return new DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr).legendFormat(legend).range();
}

/** An instant query: the value now, for stat panels. */
export function promInstant(refId: string, expr: string, legend: string): Builder<Dataquery> {
  return new DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr).legendFormat(legend).instant();
}
