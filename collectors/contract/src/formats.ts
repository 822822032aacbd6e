/**
 * The security tools whose own output Lockstep reads: the `{format}` of `POST /v1/events/{format}`, what
 * `lockstep replay` recognizes besides OTLP, what the agent tails, and the values of the `lockstep.format` attribute
 * on OTLP log records that carry a tool's raw line. A new tool is one more entry here and one parser in the
 * correlator (receivers/events/<tool>/, listed in receivers/events/tools.ts).
 */
export const SECURITY_FORMATS = ['falco', 'tetragon', 'suricata', 'auditd', 'auth', 'osquery'] as const;
/**
 * What changed on a host, in the change tools' own formats: dpkg.log, apt's history.log, and Lockstep's change JSON
 * lines (`{"time", "host"?, "kind", "summary", ...}`). Read through the same route, replay and tails as the tools'.
 */
export const CHANGE_FORMATS = ['dpkg', 'apt', 'change'] as const;
export const EVENT_FORMATS = [...SECURITY_FORMATS, ...CHANGE_FORMATS] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export type SecurityFormat = (typeof SECURITY_FORMATS)[number];

export function isEventFormat(value: string): value is EventFormat {
  return (EVENT_FORMATS as readonly string[]).includes(value);
}
