import { answer } from '../__fixtures__/answers';
import { fakeBackend, PROXY_URL, type Reply } from '../__fixtures__/backend';
import { LockstepClient } from './client';
import { LockstepError, toLockstepError, type LockstepErrorKind } from './errors';
import { isPage } from './guards';

const URL_LABEL = 'http://correlator:8480';

/** The error the client raises when the data proxy answers `reply`. */
async function failure(reply: Reply): Promise<LockstepError> {
  fakeBackend(() => reply);
  const client = new LockstepClient(`${PROXY_URL}/lockstep`, URL_LABEL);
  return client.get('/api/v1/incidents', {}, isPage).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: LockstepError) => error
  );
}

describe('errors from the correlator, through the data proxy', () => {
  it.each<[string, Reply, LockstepErrorKind, RegExp]>([
    ['the correlator refusing the token (401 passed through)', answer('noToken'), 'auth', /refused the API token/],
    [
      "Grafana's data proxy turning the correlator's 401 into 400",
      { status: 400, body: 'Authentication to data source failed' },
      'auth',
      /refused the API token: enter the token set as api.token/,
    ],
    [
      'the data proxy failing to connect (502)',
      { status: 502, body: '' },
      'unreachable',
      /could not reach.*\(the data proxy answered 502 Bad Gateway\)/,
    ],
    [
      'the data proxy timing out (504)',
      { status: 504, body: '' },
      'unreachable',
      /could not reach the correlator at http:\/\/correlator:8480/,
    ],
    ['a request that never got an answer', 'network', 'unreachable', /got no answer from Grafana \(Failed to fetch\)/],
    [
      'an HTML 404 (a web server, not the correlator)',
      { status: 404, body: '<html>Not Found</html>' },
      'not-lockstep',
      /answered 404, but not as a Lockstep correlator/,
    ],
    [
      "another server's JSON 404",
      { status: 404, body: { message: 'Route GET:/api/v1/incidents not found', error: 'Not Found', statusCode: 404 } },
      'not-lockstep',
      /without a path/,
    ],
    [
      "an unknown incident (the API's own 404)",
      answer('unknownIncident'),
      'refused',
      /^The correlator refused the query: No incident has the id "inc_nope"\.$/,
    ],
    [
      'a parameter the API refuses',
      answer('badLimit'),
      'refused',
      /Parameter 'limit' must be a whole number from 1 to 1000; got "5000"/,
    ],
    [
      'a fault inside the correlator',
      { status: 500, body: { error: 'The query failed inside the correlator; its log has the details.' } },
      'failed',
      /^The correlator failed to answer: The query failed inside/,
    ],
    [
      'a 5xx that carries the correlator’s own sentence',
      { status: 503, body: { error: 'The correlator is shutting down; try again shortly.' } },
      'failed',
      /^The correlator failed to answer: The correlator is shutting down/,
    ],
  ])('%s', async (_name, reply, kind, message) => {
    const error = await failure(reply);
    expect(error).toBeInstanceOf(LockstepError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('keeps the HTTP status', async () => {
    expect((await failure(answer('badLimit'))).status).toBe(400);
  });

  it('passes a LockstepError through unchanged', () => {
    const error = new LockstepError('auth', 'x');
    expect(toLockstepError(error, URL_LABEL)).toBe(error);
  });
});
