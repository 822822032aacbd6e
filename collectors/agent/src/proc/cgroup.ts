/**
 * The container a process runs in, from its /proc/PID/cgroup. Runtimes name the cgroup after the container's
 * 64-hex id in a few shapes, under cgroup v1 or v2, with or without systemd:
 *   Docker      /docker/<id>                     /system.slice/docker-<id>.scope
 *   containerd  /kubepods/.../<id>               /kubepods.slice/.../cri-containerd-<id>.scope
 *   CRI-O       /kubepods/.../crio-<id>          .../crio-<id>.scope (and crio-conmon-<id>.scope for its monitor)
 *   Podman      /machine.slice/libpod-<id>.scope /user.slice/.../libpod-<id>.scope
 *   Kubernetes  /kubepods/burstable/pod<uid>/<id> (any of the above runtimes below a pod)
 * The conmon monitor of CRI-O and Podman is not the container itself and is not reported as inside it.
 */
const ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?$/;

/** The 64-hex container id, or undefined for a process on the host. */
export function containerIdFromCgroup(text: string): string | undefined {
  for (const line of text.split('\n')) {
    // hierarchy-ID:controller-list:cgroup-path; the path may itself contain colons only in odd setups.
    const path = line.split(':').slice(2).join(':').trim();
    if (path === '' || path === '/') continue;
    for (const segment of path.split('/').reverse()) {
      if (/conmon/.test(segment)) break;
      const match = ID.exec(segment);
      if (match) return match[1];
    }
  }
  return undefined;
}
