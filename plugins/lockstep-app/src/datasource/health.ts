import type { TestDataSourceResponse } from '@grafana/data';
import { APP_DISABLED, appEnabled } from './app';
import type { LockstepClient } from './api/client';
import { LockstepError, toLockstepError } from './api/errors';
import { isLockstepOpenApi } from './api/guards';
import type { ApiIncident } from './api/types';

/** Open incidents counted at most: past this the number only needs to say "many". */
const COUNT_LIMIT = 1000;

const unknownAnswer = (url: string): LockstepError =>
  new LockstepError(
    'not-lockstep',
    `${url} answered, but it is not a Lockstep correlator (no Lockstep OpenAPI document at /api/v1/openapi.json): ` +
      "set the URL to the correlator's API address, such as http://correlator:8480, without a path."
  );

/**
 * The health check behind "Save & test": a sentence that says what is wrong (the app disabled, no URL,
 * unreachable, not Lockstep, bad token) or what was found. Never throws. With the app disabled it is an error
 * whatever the correlator answers, and the correlator's sentence follows (so a fixed URL or token shows at once).
 */
export async function checkHealth(client: LockstepClient, url: string | undefined): Promise<TestDataSourceResponse> {
  const [enabled, correlator] = await Promise.all([appEnabled(), checkCorrelator(client, url)]);
  return enabled === false ? { status: 'error', message: `${APP_DISABLED} ${correlator.message}` } : correlator;
}

/**
 * The correlator's part: the OpenAPI document is public, so it tells "reachable and Lockstep" apart from "the
 * token is wrong", which only a data route can say.
 */
async function checkCorrelator(client: LockstepClient, url: string | undefined): Promise<TestDataSourceResponse> {
  if (url === undefined || url.trim() === '') {
    return {
      status: 'error',
      message: 'Set the correlator URL: the address of its query API, such as http://correlator:8480.',
    };
  }
  try {
    const doc = await client.get('/api/v1/openapi.json', {}, isLockstepOpenApi).catch((error: unknown) => {
      const failure = toLockstepError(error, url);
      // A 404 or a foreign answer on the document means a wrong URL, whatever else answered.
      throw failure.kind === 'refused' || failure.kind === 'not-lockstep' ? unknownAnswer(url) : failure;
    });
    const open = await client.list<ApiIncident>(
      '/api/v1/incidents',
      { status: 'open', correlated: 'true' },
      COUNT_LIMIT
    );
    const count = open.more ? `more than ${COUNT_LIMIT}` : String(open.items.length);
    const noun = open.items.length === 1 && !open.more ? 'incident' : 'incidents';
    return {
      status: 'success',
      message: `Connected to Lockstep ${doc.info.version} at ${url}: ${count} open correlated ${noun}.`,
    };
  } catch (error) {
    return { status: 'error', message: toLockstepError(error, url).message };
  }
}
