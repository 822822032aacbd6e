import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AGENT_DEFAULTS, loadAgentConfig } from './config';

describe('agent configuration: tailing', () => {
  let dir: string;
  const load = (yaml: string): ReturnType<typeof loadAgentConfig> => {
    const file = path.join(dir, 'agent.yaml');
    writeFileSync(file, yaml);
    return loadAgentConfig({ config: file });
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-agent-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps positions under the XDG state directory unless state_dir says otherwise', async () => {
    expect(AGENT_DEFAULTS.stateDir).toMatch(/\/lockstep\/agent$/);
    expect(path.isAbsolute(AGENT_DEFAULTS.stateDir)).toBe(true);
    const config = await load(
      'state_dir: state\nstatus_every_seconds: 0\ntail: [{ path: logs/auth.log, format: auth }]',
    );
    expect(config.stateDir).toBe(path.resolve('state'));
    expect(config.statusEverySeconds).toBe(0);
    expect(config.tail).toEqual([{ path: path.resolve('logs/auth.log'), format: 'auth', fromStart: false }]);
  });

  it.each([
    [
      'the same file twice',
      'tail: [{ path: /a.log, format: auth }, { path: /b/../a.log, format: falco }]',
      /tail\.1\.path: the same file as tail\.0\.path/,
    ],
    ['a format the correlator does not read', 'tail: [{ path: /a.log, format: syslog }]', /tail\.0\.format/],
    ['a negative status interval', 'status_every_seconds: -1', /status_every_seconds/],
    ['an empty state directory', "state_dir: ''", /state_dir/],
    ['an unknown key', 'tail_state: /x', /Unrecognized key.*tail_state/],
  ])('refuses %s, naming the key', async (_, yaml, message) => {
    await expect(load(yaml)).rejects.toThrow(message);
  });
});
