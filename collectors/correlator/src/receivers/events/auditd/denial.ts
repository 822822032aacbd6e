import type { AuditRecord } from './record';

/** SELinux writes `avc:  denied  { read } for ...` as free text; AppArmor writes `apparmor="DENIED"`. */
const SELINUX_DENIED = /avc:\s+denied/;

/** An AVC record that reports a denied access (AppArmor STATUS/ALLOWED and SELinux `granted` are not). */
export function isAccessDenial(record: AuditRecord): boolean {
  if (record.type !== 'AVC' && record.type !== 'USER_AVC') return false;
  return record.fields.get('apparmor') === 'DENIED' || SELINUX_DENIED.test(record.body);
}

export function denialRule(record: AuditRecord): string {
  return record.fields.has('apparmor') ? 'AppArmor denied' : 'AVC denied';
}
