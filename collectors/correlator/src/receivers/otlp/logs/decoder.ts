import type { ChangeEvent } from '../../../model/change';
import type { Signal } from '../../../model/signal';
import { readEntity } from '../entity';
import { recordChange } from './change-record';
import { isObject } from '../json';
import { logRecordSignal, SKIP_RECORD } from './log-record';
import type { RawEvent } from './tool-lines';
import { rawEventOf, rawFormatOf } from './tool-lines';
import { DecodeReport } from '../report';

export interface LogsDecodeResult {
  signals: Signal[];
  /** Deployments (`deployment.*` attributes) and Kubernetes events from the k8sobjects receiver. */
  changes: ChangeEvent[];
  /** Raw tool lines (records marked `lockstep.format`), for the caller to normalize like raw event bodies. */
  rawEvents: RawEvent[];
  /** Well-formed records that are not security signals (no `security_rule.*` attributes, no event name). */
  skipped: number;
  /** Malformed records (and malformed containers, counted once). */
  rejected: number;
  /** The first few distinct problems, each a sentence naming the field. */
  errors: string[];
}

/**
 * Security signals and changes from an OTLP/JSON `ExportLogsServiceRequest`: records with `security_rule.*`
 * attributes are detections (`alert`), records with only an event name are `context` unless `event.kind` says
 * alert; records with `deployment.*` attributes and Kubernetes events (k8sobjects receiver) are changes. Stateless;
 * never throws on bad input.
 */
export function decodeOtlpLogs(request: unknown): LogsDecodeResult {
  const report = new DecodeReport();
  const signals: Signal[] = [];
  const changes: ChangeEvent[] = [];
  const rawEvents: RawEvent[] = [];
  let skipped = 0;
  const resources = isObject(request) ? (request.resourceLogs ?? request.resource_logs) : undefined;
  if (!Array.isArray(resources)) {
    report.reject('resourceLogs is missing or not an array: not an OTLP ExportLogsServiceRequest');
    return { signals, changes, rawEvents, skipped, rejected: report.rejected, errors: report.errors };
  }
  for (const resourceLogs of resources) {
    if (!isObject(resourceLogs)) {
      report.reject('a resourceLogs entry is not an object');
      continue;
    }
    const scopes =
      resourceLogs.scopeLogs ??
      resourceLogs.scope_logs ??
      resourceLogs.instrumentationLibraryLogs ??
      resourceLogs.instrumentation_library_logs;
    if (scopes === undefined) continue;
    if (!Array.isArray(scopes)) {
      report.reject('scopeLogs is not an array');
      continue;
    }
    const entity = readEntity(resourceLogs.resource);
    const resourceFormat = isObject(resourceLogs.resource) ? rawFormatOf(resourceLogs.resource.attributes) : undefined;
    for (const scope of scopes) {
      const records = isObject(scope) ? (scope.logRecords ?? scope.log_records) : undefined;
      if (records === undefined) continue;
      if (!Array.isArray(records)) {
        report.reject('scopeLogs[].logRecords is not an array');
        continue;
      }
      for (const record of records) {
        const format = (isObject(record) ? rawFormatOf(record.attributes) : undefined) ?? resourceFormat;
        if (format !== undefined) {
          const raw = rawEventOf(record, format, entity.hostName ?? entity.hostId);
          if (raw === undefined) report.reject(`a log record marked ${format} has no text body`);
          else rawEvents.push(raw);
          continue;
        }
        const change = recordChange(record, resourceLogs.resource, entity);
        if (change !== undefined) {
          if (change === SKIP_RECORD) skipped += 1;
          else if (typeof change === 'string') report.reject(`a log record ${change}`);
          else changes.push(change);
          continue;
        }
        const result = logRecordSignal(record, entity);
        if (result === SKIP_RECORD) skipped += 1;
        else if (typeof result === 'string') report.reject(`a log record ${result}`);
        else signals.push(result);
      }
    }
  }
  return { signals, changes, rawEvents, skipped, rejected: report.rejected, errors: report.errors };
}
