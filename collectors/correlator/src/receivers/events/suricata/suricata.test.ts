import { jsonLines, onlySignal, skips } from '../__fixtures__/samples';
import { normalizeSuricata } from './suricata';

const EVE = jsonLines('suricata/eve.json');

describe('normalizeSuricata', () => {
  it('reads an EVE alert: signature, severity, addresses, category', () => {
    const alert = EVE.find((e) => (e as { event_type?: string }).event_type === 'alert');
    expect(onlySignal(normalizeSuricata(alert))).toEqual({
      time: Date.parse('2017-01-30T15:12:36.066Z'),
      source: 'suricata',
      kind: 'alert',
      rule: 'ET POLICY GNU/Linux APT User-Agent Outbound likely related to package management',
      severity: 'low',
      srcAddress: '172.17.0.2',
      srcPort: 41402,
      destAddress: '54.230.202.37',
      destPort: 80,
      tags: ['Not Suspicious Traffic'],
      output: 'TCP 172.17.0.2:41402 -> 54.230.202.37:80',
    });
  });

  it.each(['flow', 'dns', 'http', 'fileinfo', 'stats'])('skips %s records as carrying no alert', (type) => {
    const record = EVE.find((e) => (e as { event_type?: string }).event_type === type);
    const [skip] = skips(normalizeSuricata(record));
    expect(skip?.reason).toBe(`suricata: ${type} events carry no alert`);
  });

  it('takes the sensor host and ATT&CK ids from rule metadata', () => {
    const record = {
      timestamp: '2026-11-23T03:12:00.000000+0000',
      event_type: 'alert',
      host: 'Sensor-1',
      src_ip: '10.0.0.5',
      dest_ip: '2001:db8::1',
      alert: { signature: 'ET COINMINER Stratum', severity: 1, metadata: { mitre_technique_id: ['T1496'] } },
    };
    expect(onlySignal(normalizeSuricata(record))).toMatchObject({
      host: 'sensor-1',
      severity: 'high',
      destAddress: '2001:db8::1',
      tags: ['T1496'],
    });
  });

  it('reports anomaly records as low alerts', () => {
    const record = {
      timestamp: '2026-11-23T03:12:00Z',
      event_type: 'anomaly',
      anomaly: { type: 'decode', event: 'ipv4.trunc_pkt' },
    };
    expect(onlySignal(normalizeSuricata(record))).toMatchObject({
      kind: 'alert',
      rule: 'anomaly: ipv4.trunc_pkt',
      severity: 'low',
    });
  });

  it.each([
    ['no event_type', { timestamp: '2026-11-23T03:12:00Z' }, 'suricata: missing event_type'],
    [
      'an alert without its alert block',
      { timestamp: '2026-11-23T03:12:00Z', event_type: 'alert' },
      'missing alert.signature',
    ],
    [
      'a bad timestamp',
      { timestamp: 'yesterday', event_type: 'alert', alert: { signature: 'x' } },
      'invalid timestamp',
    ],
  ])('skips %s', (_label, record, reason) => {
    expect(skips(normalizeSuricata(record))[0]?.reason).toContain(reason);
  });
});
