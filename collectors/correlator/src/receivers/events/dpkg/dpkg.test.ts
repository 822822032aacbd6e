import { changes, lines, MALFORMED_REASON, skips } from '../__fixtures__/samples';
import { parseDpkgLine } from './dpkg';

const parse = (file: string) => lines(file).flatMap((line) => parseDpkgLine(line));

describe('dpkg.log (real samples)', () => {
  it('reads the installs and upgrades of a fresh system and skips the steps between them', () => {
    const results = parse('dpkg/packer-dpkg.log');
    expect(changes(results).map((c) => [new Date(c.time).toISOString(), c.change, c.summary])).toEqual([
      ['2015-02-18T19:33:20.000Z', 'package', 'base-passwd:amd64 3.5.33 installed'],
      ['2015-02-18T19:33:20.000Z', 'package', 'base-files:amd64 7.2ubuntu5 installed'],
      ['2015-02-18T19:33:21.000Z', 'package', 'dpkg 1.17.5ubuntu5 reinstalled'],
      ['2015-02-18T19:33:21.000Z', 'package', 'libc6:amd64 2.19-0ubuntu6 installed'],
      ['2015-02-18T19:33:22.000Z', 'package', 'adduser:all 3.113+nmu3ubuntu3 installed'],
      ['2015-02-18T19:33:22.000Z', 'package', 'base-files:amd64 7.2ubuntu5 reinstalled'],
    ]);
    expect(skips(results)).toHaveLength(61);
    expect(skips(results).filter((s) => MALFORMED_REASON.test(s.reason))).toEqual([]);
  });

  it('reads the exact fields of an install, and a kept conffile as no change', () => {
    const results = parse('dpkg/plaso-dpkg.log');
    expect(changes(results)).toEqual([
      {
        kind: 'change',
        time: Date.UTC(2016, 7, 6, 17, 35, 39),
        source: 'dpkg',
        change: 'package',
        summary: 'base-passwd:amd64 3.5.33 installed',
      },
    ]);
    expect(skips(results).map((s) => s.reason)).toEqual([
      'dpkg: a configuration file kept as it was is no change',
      'dpkg: startup is one step of a package change, counted with it',
      'dpkg: status is one step of a package change, counted with it',
    ]);
  });
});

describe('dpkg.log lines', () => {
  it.each([
    [
      '2013-03-01 14:14:59 upgrade libssl1.0.0:amd64 1.0.1c-3ubuntu2.1 1.0.1c-3ubuntu2.2',
      'libssl1.0.0:amd64 upgraded 1.0.1c-3ubuntu2.1 → 1.0.1c-3ubuntu2.2',
    ],
    ['2025-08-29 18:14:28 remove libglapi-mesa:amd64 21.3.8-1 <none>', 'libglapi-mesa:amd64 21.3.8-1 removed'],
    ['2025-08-29 18:14:29 purge libglapi-mesa:amd64 21.3.8-1 <none>', 'libglapi-mesa:amd64 21.3.8-1 purged'],
  ])('%s', (line, summary) => {
    const [change] = changes(parseDpkgLine(line));
    expect(change?.summary).toBe(summary);
    expect(change?.change).toBe('package');
  });

  it('reads a conffile the package replaced as a configuration change', () => {
    expect(changes(parseDpkgLine('2019-01-01 10:00:00 conffile /etc/nginx/nginx.conf install'))).toEqual([
      {
        kind: 'change',
        time: Date.UTC(2019, 0, 1, 10),
        source: 'dpkg',
        change: 'config',
        summary: "/etc/nginx/nginx.conf replaced by the package's version",
      },
    ]);
  });

  it.each([
    ['not a dpkg line', /malformed line/],
    ['2019-02-31 10:00:00 install x 1 2', /invalid date/],
    ['2019-01-01 10:00:00 upgrade onlyapackage', /malformed upgrade line/],
    ['2019-01-01 10:00:00 conffile /etc/x maybe', /malformed conffile/],
  ])('refuses %j naming what is wrong', (line, reason) => {
    const [skip] = skips(parseDpkgLine(line));
    expect(skip?.reason).toMatch(reason);
    expect(skip?.reason).toMatch(MALFORMED_REASON);
  });
});
