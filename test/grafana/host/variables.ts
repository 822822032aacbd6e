/**
 * A dashboard's query variables updated as Grafana's variable runner does for a data source with
 * CustomVariableSupport (public/app/features/variables/query/ and the Scenes QueryVariable): the saved `query`
 * (for Lockstep's dashboards the string "hosts", "containers" or "services") is the request's only target, the
 * request runs through `datasource.variables.query()`, the frames' `text` / `value` fields become the options
 * (toMetricFindValues), sorted as the variable says, with All first when it includes All.
 */
import * as grafanaData from '@grafana/data';
import * as rxjs from 'rxjs';
import { templateSrv } from './runtime';
import type { VariableModel } from './template-srv';
import { type SavedVariable, withValues } from './variable-models';

/** The values of the frames a variable query answered: the `text` field (else the first string field). */
function metricFindValues(frames: grafanaData.DataFrame[]): string[] {
  const values: string[] = [];
  for (const frame of frames) {
    const field =
      frame.fields.find((f) => f.name === 'value') ??
      frame.fields.find((f) => f.name === 'text') ??
      frame.fields.find((f) => f.type === grafanaData.FieldType.string);
    if (field !== undefined)
      for (const value of Array.from(field.values as ArrayLike<unknown>)) values.push(String(value));
  }
  return values;
}

/** Runs one saved query variable through the data source: its options and its (still valid) selection. */
export async function runVariable(
  ds: grafanaData.DataSourceApi,
  saved: SavedVariable,
  range: grafanaData.TimeRange,
): Promise<VariableModel> {
  const support = ds.variables as grafanaData.CustomVariableSupport<grafanaData.DataSourceApi> | undefined;
  if (support === undefined || typeof support.query !== 'function') {
    throw new Error(`${ds.name} has no variable support`);
  }
  const request = {
    app: 'dashboard',
    requestId: `variable-${saved.name}`,
    timezone: '',
    range,
    interval: '',
    intervalMs: 0,
    targets: [saved.query],
    scopedVars: {},
    startTime: Date.now(),
  } as unknown as grafanaData.DataQueryRequest<grafanaData.DataQuery>;
  const response = await rxjs.lastValueFrom(rxjs.from(support.query(request)));
  const frames = (response.data ?? []).map((frame: unknown) => grafanaData.toDataFrame(frame));
  return withValues(saved, metricFindValues(frames));
}

/**
 * Updates the dashboard's variables in order, as Grafana does on load (a later variable's query may use an
 * earlier one), and hands them to the template service.
 */
export async function loadVariables(
  ds: grafanaData.DataSourceApi,
  saved: SavedVariable[],
  range: grafanaData.TimeRange,
): Promise<VariableModel[]> {
  const models: VariableModel[] = [];
  templateSrv.updateTimeRange(range);
  for (const variable of saved) {
    models.push(variable.type === 'query' ? await runVariable(ds, variable, range) : (variable as VariableModel));
    templateSrv.setVariables([...models]);
  }
  return models;
}
