/**
 * Bounds on everything a normalizer copies out of a tool's record. Every string from outside is untrusted and
 * may be arbitrarily long; these caps keep one hostile record from costing more than a few kilobytes downstream.
 */

/** Command lines: Falco and the kernel already cut arguments at 4096 bytes; more never identifies a process better. */
export const MAX_COMMAND_LINE = 4096;
/** A tool's own text (Falco `output`, a Tetragon policy message, a raw log line): a sentence with its fields. */
export const MAX_OUTPUT = 2048;
/** Rule, policy, signature and audit key names. */
export const MAX_RULE = 256;
/** Executable and working-directory paths: Linux PATH_MAX. */
export const MAX_PATH = 4096;
/** Process, user, pod and namespace names: Kubernetes names reach 253 characters, user names far less. */
export const MAX_NAME = 256;
/** Host names: a DNS name is at most 253 characters. */
export const MAX_HOST = 253;
/** Opaque ids (Tetragon exec ids are base64 of host:ktime:pid, container ids are 64 hex plus a scheme). */
export const MAX_ID = 256;
/** Textual IP addresses: the longest IPv6 form with an embedded IPv4 address is 45 characters. */
export const MAX_IP = 45;
/** Tags kept per signal, and the length of each. */
export const MAX_TAGS = 32;
export const MAX_TAG = 128;
/** Ancestor names kept beyond the parent (the engine walks at most a few levels). */
export const MAX_ANCESTORS = 8;
/** osquery rows turned into signals per record; a larger snapshot is cut and the rest reported as skipped. */
export const MAX_ROWS = 10_000;
/** Text lines (audit.log, auth.log) longer than this are cut before parsing: real records are a few KB. */
export const MAX_LINE = 64 * 1024;
