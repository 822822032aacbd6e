import type { FastifyRequest } from 'fastify';
import { isEventFormat } from '@lockstep/contract';
import type { Receiver } from './vocabulary';

/** The receiver a request was meant for (for the refusal counter), or undefined for unknown paths. */
export function receiverOf(request: FastifyRequest): Receiver | undefined {
  const path = request.url.split('?')[0] ?? '';
  if (path === '/v1/metrics') return 'otlp_metrics';
  if (path === '/v1/logs') return 'otlp_logs';
  const format = /^\/v1\/events\/([a-z]+)$/.exec(path)?.[1];
  return format !== undefined && isEventFormat(format) ? `events_${format}` : undefined;
}
