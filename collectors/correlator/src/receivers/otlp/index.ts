export { decodeOtlpLogs } from './logs/decoder';
export type { LogsDecodeResult } from './logs/decoder';
export { OtlpMetricsDecoder } from './metrics/decoder';
export type { MetricsDecodeResult } from './metrics/decoder';
