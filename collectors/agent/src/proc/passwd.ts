/** uid → user name from /etc/passwd (name:password:uid:...). Lines that do not parse are skipped. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [name, , uid] = line.split(':');
    const id = Number(uid);
    if (name && uid !== undefined && uid !== '' && Number.isInteger(id) && !users.has(id)) users.set(id, name);
  }
  return users;
}

/** The real uid from /proc/PID/status (`Uid:\treal\teffective\tsaved\tfs`). */
export function uidFromStatus(text: string): number | undefined {
  const match = /^Uid:\s+(\d+)/m.exec(text);
  return match ? Number(match[1]) : undefined;
}
