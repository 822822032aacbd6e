import { falcoSeverity, suricataSeverity, tetragonPolicySeverity } from './severity';

describe('severity mapping', () => {
  it.each([
    ['Emergency', 'critical'],
    ['Alert', 'critical'],
    ['Critical', 'critical'],
    ['Error', 'high'],
    ['Warning', 'medium'],
    ['Notice', 'low'],
    ['Informational', 'info'],
    ['Info', 'info'],
    ['Debug', 'info'],
    ['WARNING', 'medium'],
    [3, 'high'],
    [undefined, 'medium'],
    ['Bogus', 'medium'],
  ])('maps Falco priority %j to %s', (priority, expected) => {
    expect(falcoSeverity(priority)).toBe(expected);
  });

  it.each([
    [1, 'high'],
    [2, 'medium'],
    [3, 'low'],
    [4, 'low'],
    ['1', 'high'],
    [undefined, 'low'],
    [0, 'low'],
  ])('maps Suricata alert.severity %j to %s', (severity, expected) => {
    expect(suricataSeverity(severity)).toBe(expected);
  });

  it.each([
    ['KPROBE_ACTION_POST', 'medium'],
    ['KPROBE_ACTION_SIGKILL', 'high'],
    ['KPROBE_ACTION_OVERRIDE', 'high'],
    [undefined, 'medium'],
  ])('maps a Tetragon policy action %j to %s', (action, expected) => {
    expect(tetragonPolicySeverity(action)).toBe(expected);
  });
});
