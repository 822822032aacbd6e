import { decodeOtlpLogs } from './decoder';
import { logRecord, logsRequest, T0 } from '../__fixtures__/builders';

/** Resource of a service whose CI/CD tool reports deployments as log records (semantic-conventions example values). */
const RESOURCE = { 'host.name': 'Web-7', 'service.name': 'checkout', 'service.version': '1.4.2' };

describe('OTLP log records with deployment.* attributes', () => {
  it('reads a deployment event: who, what version, its id, where', () => {
    const record = logRecord({
      time: T0,
      body: 'deployed',
      attributes: {
        'deployment.id': '1208',
        'deployment.name': 'checkout',
        'deployment.status': 'succeeded',
        'enduser.id': 'ci-bot',
      },
    });
    const result = decodeOtlpLogs(logsRequest(RESOURCE, [record]));
    expect(result.signals).toEqual([]);
    expect(result.changes).toEqual([
      {
        kind: 'change',
        time: T0,
        source: 'otlp',
        change: 'deploy',
        summary: 'checkout 1.4.2',
        id: '1208',
        actor: 'ci-bot',
        host: 'web-7',
        service: 'checkout',
      },
    ]);
  });

  it('says when a deployment failed, and falls back to the service name', () => {
    const record = logRecord({ time: T0, attributes: { 'deployment.status': 'failed' } });
    const [change] = decodeOtlpLogs(logsRequest(RESOURCE, [record])).changes;
    expect(change).toMatchObject({ summary: 'checkout 1.4.2 (failed)', change: 'deploy' });
    expect(change?.id).toBeUndefined();
  });

  it('takes deployment.status on the resource as a deployment report', () => {
    const request = logsRequest({ ...RESOURCE, 'deployment.status': 'succeeded' }, [logRecord({ time: T0 })]);
    expect(decodeOtlpLogs(request).changes).toHaveLength(1);
  });

  it('leaves records that only say which environment they run in to the signal path', () => {
    const request = logsRequest({ ...RESOURCE, 'deployment.environment.name': 'production' }, [
      logRecord({ time: T0, attributes: { 'deployment.environment.name': 'production', 'event.name': 'x' } }),
    ]);
    const result = decodeOtlpLogs(request);
    expect(result.changes).toEqual([]);
    expect(result.signals).toHaveLength(1);
  });

  it('rejects a deployment record without any time, naming the field', () => {
    const record = logRecord({ attributes: { 'deployment.id': '1' } });
    expect(decodeOtlpLogs(logsRequest(RESOURCE, [record]))).toMatchObject({
      rejected: 1,
      errors: [expect.stringMatching(/timeUnixNano/)],
    });
  });
});
