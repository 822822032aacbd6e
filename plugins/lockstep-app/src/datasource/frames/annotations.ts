import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiChangeRecord, ApiIncident, ApiSignal } from '../api/types';
import { ms } from './values';

interface Event {
  time: number | null;
  timeEnd: number | null;
  title: string;
  text: string;
  tags: string[];
}

/**
 * Fields Grafana's annotation processing maps by name. Title, text and tags hold strings from the monitored hosts
 * as data: nothing here builds markup or links from them (Grafana sanitizes annotation text when it shows it).
 */
function annotationFrame(events: Event[]): DataFrame {
  return createDataFrame({
    name: FRAME.annotations,
    fields: [
      { name: 'time', type: FieldType.time, values: events.map((e) => e.time) },
      { name: 'timeEnd', type: FieldType.time, values: events.map((e) => e.timeEnd) },
      { name: 'title', type: FieldType.string, values: events.map((e) => e.title) },
      { name: 'text', type: FieldType.string, values: events.map((e) => e.text) },
      // An array per row: a comma inside a host name cannot split one tag into two.
      { name: 'tags', type: FieldType.other, values: events.map((e) => e.tags) },
    ],
  });
}

const present = (values: Array<string | undefined>): string[] => values.filter((v): v is string => !!v);

/** A point for a single alert, a region for a folded burst of repeats. */
export function signalAnnotations(signals: ApiSignal[]): DataFrame {
  return annotationFrame(
    signals.map((s) => {
      const repeats = s.count !== undefined && s.count > 1 ? ` (${s.count} times)` : '';
      const process = s.process?.['process.executable.name'];
      const pid = s.process?.['process.pid'];
      const who = process === undefined ? '' : `${process}${pid === undefined ? '' : ` (pid ${pid})`}: `;
      return {
        time: ms(s.time),
        timeEnd: s.last_time === undefined ? null : ms(s.last_time),
        title: `${s.source}: ${s.rule}${repeats}`,
        text: s.output ?? `${who}${s.rule}`,
        tags: present(['lockstep', 'signal', s.source, s.severity, s.entity['host.name']]),
      };
    })
  );
}

/** A region from start to end; an open incident runs to `openEnd` (the end of the queried range). */
export function incidentAnnotations(incidents: ApiIncident[], openEnd: number): DataFrame {
  return annotationFrame(
    incidents.map((i) => {
      const culprit = i.culprit?.['process.executable.name'];
      const host = i.entity['host.name'];
      return {
        time: ms(i.start),
        timeEnd: ms(i.end) ?? openEnd,
        title: `${i.severity} incident${culprit === undefined ? '' : `: ${culprit}`}${host ? ` on ${host}` : ''}`,
        text: [i.summary.ops, i.summary.security, i.summary.business].filter((t) => t !== '').join(' '),
        tags: present(['lockstep', 'incident', i.severity, i.status, host, i.entity['service.name']]),
      };
    })
  );
}

/** A point per change: "deploy: checkout 2.0.1", who made it and where in the text, the kind as a tag. */
export function changeAnnotations(changes: ApiChangeRecord[]): DataFrame {
  return annotationFrame(
    changes.map((c) => {
      const host = c.entity['host.name'];
      const service = c.entity['service.name'];
      const where = [service, host].filter((w) => w !== undefined).join(' on ');
      const by = c.actor === undefined ? '' : ` by ${c.actor}`;
      const reverts = c.reverts === undefined ? '' : ` (reverts ${c.reverts})`;
      return {
        time: ms(c.time),
        timeEnd: null,
        title: `${c.kind}: ${c.summary}`,
        text: `${c.kind} ${c.summary}${by}${where === '' ? '' : ` (${where})`}${reverts}, from ${c.source}`,
        tags: present(['lockstep', 'change', c.kind, c.source, host, service]),
      };
    })
  );
}
