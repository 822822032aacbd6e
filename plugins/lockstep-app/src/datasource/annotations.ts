import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';
import type { LockstepQuery } from '../common/query';
import { AnnotationQueryEditor } from './components/AnnotationQueryEditor';

/**
 * Signals unless the annotation asks for incidents or changes; a generous cap, since annotations cover a whole
 * dashboard.
 */
export const DEFAULT_ANNOTATION_QUERY: Partial<LockstepQuery> = { queryType: 'signals', minScore: 0.5, limit: 500 };

/**
 * Security signals, incidents or changes (deploys, package upgrades, firewall edits) as annotations on every time-series panel of a dashboard (Prometheus CPU panels
 * included): the query answers one frame of time, timeEnd, title, text and tags, which Grafana maps by name.
 */
export const annotationSupport: AnnotationSupport<LockstepQuery> = {
  QueryEditor: AnnotationQueryEditor,
  getDefaultQuery: () => DEFAULT_ANNOTATION_QUERY,
  prepareQuery(annotation: AnnotationQuery<LockstepQuery>): LockstepQuery {
    const target = annotation.target ?? { refId: 'Anno' };
    const queryType = target.queryType === 'incidents' || target.queryType === 'changes' ? target.queryType : 'signals';
    return { ...DEFAULT_ANNOTATION_QUERY, ...target, queryType, format: 'annotations' };
  },
};
