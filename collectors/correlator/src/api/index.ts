export { registerQueryApi } from './register';
export type { QueryApiDeps, TimelineSource } from './deps';
export { API_PREFIX, buildOpenApi } from './openapi';
export type { TimelinePoints, TimelineQuery } from '../engine/timeline';
