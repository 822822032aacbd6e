export { AuditdAssembler } from './auditd/assembler';
export { parseAuthLine } from './auth/parse-auth-line';
export type { AuthTimeOptions } from './auth/syslog';
export { DELETED_BINARY_RULE, MEMFD_RULE, suspiciousExecRule, TEMP_DIRECTORY_RULE } from './exec-location';
export { normalizeFalco } from './falco';
export { normalizeOsquery } from './osquery';
export { ASSIGNED_SEVERITY, falcoSeverity, suricataSeverity, tetragonPolicySeverity } from './severity';
export { normalizeSuricata } from './suricata';
export { normalizeTetragon } from './tetragon';
