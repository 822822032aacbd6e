import { DELETED_BINARY_RULE, MEMFD_RULE, suspiciousExecRule, TEMP_DIRECTORY_RULE } from './exec-location';

describe('suspiciousExecRule', () => {
  it.each([
    ['/tmp/.x/xmrig', TEMP_DIRECTORY_RULE],
    ['/var/tmp/kworker', TEMP_DIRECTORY_RULE],
    ['/dev/shm/.s', TEMP_DIRECTORY_RULE],
    ['/tmp/x (deleted)', TEMP_DIRECTORY_RULE],
    ['/memfd:payload (deleted)', MEMFD_RULE],
    ['/usr/bin/python2.7;58d1ccfb (deleted)', DELETED_BINARY_RULE],
    ['/usr/bin/curl', undefined],
    ['/tmpfoo/bin', undefined],
    [undefined, undefined],
  ])('judges %j as %s', (path, expected) => {
    expect(suspiciousExecRule(path)).toBe(expected);
  });

  it('trusts a tool that says the file has no link on disk', () => {
    expect(suspiciousExecRule('/usr/bin/x', { unlinked: true })).toBe(DELETED_BINARY_RULE);
  });
});
