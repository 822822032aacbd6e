/**
 * The security tools whose own output Lockstep reads: the `{format}` of `POST /v1/events/{format}`, what
 * `lockstep replay` recognizes besides OTLP, what the agent tails, and the values of the `lockstep.format` attribute
 * on OTLP log records that carry a tool's raw line. A new tool is one more entry here and one parser in the
 * correlator (receivers/events/<tool>/, listed in receivers/events/tools.ts).
 */
export const EVENT_FORMATS = ['falco', 'tetragon', 'suricata', 'auditd', 'auth', 'osquery'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export function isEventFormat(value: string): value is EventFormat {
  return (EVENT_FORMATS as readonly string[]).includes(value);
}
