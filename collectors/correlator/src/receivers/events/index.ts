export { AuditdAssembler } from './auditd/assembler';
export { parseAuthLine } from './auth/parse-auth-line';
export type { AuthTimeOptions } from './auth/syslog';
export { DELETED_BINARY_RULE, MEMFD_RULE, suspiciousExecRule, TEMP_DIRECTORY_RULE } from './common/exec-location';
export { normalizeFalco } from './falco/falco';
export { normalizeOsquery } from './osquery/osquery';
export { ASSIGNED_SEVERITY, falcoSeverity, suricataSeverity, tetragonPolicySeverity } from './common/severity';
export { normalizeSuricata } from './suricata/suricata';
export { normalizeTetragon } from './tetragon/tetragon';
