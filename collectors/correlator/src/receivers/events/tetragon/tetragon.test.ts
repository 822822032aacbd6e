import { jsonDocument, jsonLines, onlySignal, skips } from '../__fixtures__/samples';
import { MEMFD_RULE, TEMP_DIRECTORY_RULE } from '../common/exec-location';
import { normalizeTetragon } from './tetragon';

describe('normalizeTetragon', () => {
  it('reads a process_exec: pid, start time, binary, command line, container, pod, parent', () => {
    const signal = onlySignal(normalizeTetragon(jsonDocument('tetragon/book/process_exec.json')));
    expect(signal).toMatchObject({
      time: Date.parse('2022-01-19T16:29:01.861Z'),
      source: 'tetragon',
      kind: 'context',
      rule: 'process_exec',
      severity: 'info',
      lifecycle: 'exec',
      host: 'minikube',
      containerId: '86eb9e29a77d432afc7a15b424db1d24a382f3caae26f860ab22df8cb5e96054',
      k8sNamespace: 'tenant-jobs',
      k8sPod: 'elasticsearch-56f8fc6988-pb8c7',
    });
    expect(signal.process).toEqual({
      pid: 115153,
      ppid: 114757,
      startTime: Date.parse('2022-01-19T16:29:01.861Z'),
      name: 'curl',
      exePath: '/usr/bin/curl',
      commandLine: '/usr/bin/curl www.google.com',
      owner: 'root',
      execId: 'bWluaWt1YmU6MTA1NzU3MjgzNTAwNzk6MTE1MTUz',
      parentExecId: 'bWluaWt1YmU6MTA1NTYwMTY4NzQzNTU6MTE0NzU3',
      containerId: '86eb9e29a77d432afc7a15b424db1d24a382f3caae26f860ab22df8cb5e96054',
      parent: {
        pid: 114757,
        startTime: Date.parse('2022-01-19T16:28:42.150Z'),
        name: 'bash',
        exePath: '/bin/bash',
        commandLine: '/bin/bash',
        execId: 'bWluaWt1YmU6MTA1NTYwMTY4NzQzNTU6MTE0NzU3',
      },
    });
  });

  it('normalizes a containerd:// container id and keeps nanosecond start times', () => {
    const [first] = jsonLines('tetragon/events.json');
    const signal = onlySignal(normalizeTetragon(first));
    expect(signal.containerId).toBe('19a02291e106ce6227b684197be232ea57c4e1a5ab2604a12608c325d701c7f4');
    // This line has no top-level time: the process start time stands in.
    expect(signal.time).toBe(Date.parse('2022-10-18T03:16:18.273Z'));
    expect(signal.process?.startTime).toBe(signal.time);
  });

  it('marks process_exit records with the exit lifecycle', () => {
    const signal = onlySignal(normalizeTetragon(jsonDocument('tetragon/book/process_exit.json')));
    expect(signal).toMatchObject({ kind: 'context', rule: 'process_exit', lifecycle: 'exit' });
  });

  it('turns a kprobe policy hit into an alert named by the policy', () => {
    const line = jsonLines('tetragon/docs_events.jsonl').find((e) =>
      JSON.stringify(e).includes('"policy_name":"file-monitoring"'),
    );
    const signal = onlySignal(normalizeTetragon(line));
    expect(signal).toMatchObject({
      kind: 'alert',
      rule: 'file-monitoring',
      severity: 'medium',
      output: 'security_file_permission /etc/passwd',
      tags: ['process_kprobe'],
    });
    expect(signal.process).toMatchObject({ pid: 64746, name: 'vi', commandLine: '/bin/vi /etc/passwd' });
    expect(signal.lifecycle).toBeUndefined();
  });

  it('falls back to the hooked function name when a kprobe event has no policy name', () => {
    const signal = onlySignal(normalizeTetragon(jsonDocument('tetragon/book/process_kprobe.json')));
    expect(signal).toMatchObject({ kind: 'alert', rule: '__x64_sys_write', output: '__x64_sys_write etc/passwd' });
  });

  it('alerts on an exec from /tmp even without a policy (the merlin agent built by go run)', () => {
    const signal = onlySignal(normalizeTetragon(jsonDocument('tetragon/book/merlin-agent-go-start.json')));
    expect(signal).toMatchObject({ kind: 'alert', rule: TEMP_DIRECTORY_RULE, severity: 'medium', lifecycle: 'exec' });
    expect(signal.process?.exePath).toBe('/tmp/go-build3518135900/b001/exe/main');
  });

  it('alerts on an exec of a file with no link on disk (binary_properties.file)', () => {
    const record = {
      time: '2026-11-23T03:12:00Z',
      node_name: 'n1',
      process_exec: {
        process: {
          pid: 7,
          binary: '/memfd:payload (deleted)',
          start_time: '2026-11-23T03:12:00Z',
          binary_properties: { file: { inode: { number: 12, links: 0 }, path: '/memfd:payload' } },
        },
      },
    };
    expect(onlySignal(normalizeTetragon(record))).toMatchObject({ kind: 'alert', rule: MEMFD_RULE });
  });

  it('keeps the addresses, ports and user of the older process_connect events', () => {
    const signal = onlySignal(normalizeTetragon(jsonDocument('tetragon/book/merlin-agent-go-connect.json')));
    expect(signal).toMatchObject({
      kind: 'context',
      rule: 'process_connect',
      user: 'root',
      srcAddress: '10.88.0.3',
      srcPort: 43374,
      destAddress: '34.116.205.187',
      destPort: 443,
    });
  });

  it("reads a kprobe policy's sock_arg: the socket's own end is the source, its peer the destination", () => {
    const record = {
      time: '2026-11-23T03:12:00Z',
      process_kprobe: {
        process: { pid: 9, binary: '/usr/bin/curl', uid: 1000, user: { name: 'alice' } },
        function_name: 'tcp_connect',
        policy_name: 'connect',
        args: [
          { sock_arg: { family: 'AF_INET', saddr: '10.0.0.5', daddr: '93.184.216.34', sport: 40312, dport: 443 } },
        ],
      },
    };
    expect(onlySignal(normalizeTetragon(record))).toMatchObject({
      user: 'alice',
      srcAddress: '10.0.0.5',
      srcPort: 40312,
      destAddress: '93.184.216.34',
      destPort: 443,
    });
  });

  it('rates an enforcing policy (SIGKILL) high', () => {
    const record = {
      time: '2026-11-23T03:12:00Z',
      process_lsm: {
        process: { pid: 9, binary: '/usr/bin/nc' },
        function_name: 'bprm_check_security',
        policy_name: 'block-nc',
        action: 'KPROBE_ACTION_SIGKILL',
        message: 'nc blocked',
      },
    };
    expect(onlySignal(normalizeTetragon(record))).toMatchObject({
      rule: 'block-nc',
      severity: 'high',
      output: 'nc blocked',
      tags: ['process_lsm'],
    });
  });

  it.each([
    ['no event key', { node_name: 'n', time: '2026-01-01T00:00:00Z' }, 'tetragon: missing event'],
    ['an event without process', { process_exec: {} }, 'missing process'],
    ['an unknown future event', { process_teleport: { process: {} } }, 'carry no signal'],
    ['rate limit bookkeeping', { rate_limit_info: { number_of_dropped_process_events: 3 } }, 'bookkeeping'],
    ['no time anywhere', { process_exec: { process: { pid: 1 } } }, 'missing or invalid time'],
  ])('skips %s', (_label, record, reason) => {
    expect(skips(normalizeTetragon(record))[0]?.reason).toContain(reason);
  });
});
