import { changes, lines, MALFORMED_REASON, skips } from '../__fixtures__/samples';
import { AptHistoryAssembler } from './history';

function read(text: string[]): ReturnType<AptHistoryAssembler['push']> {
  const apt = new AptHistoryAssembler();
  return [...text.flatMap((line) => apt.push(line)), ...apt.flush()];
}

describe('apt history.log (real sample)', () => {
  const results = read(lines('apt/history.log'));

  it('reads one change per apt run, dated at its start, with who asked and how it ended', () => {
    expect(skips(results)).toEqual([]);
    expect(changes(results)).toEqual([
      {
        kind: 'change',
        time: Date.UTC(2019, 6, 10, 16, 38, 8),
        source: 'apt',
        change: 'package',
        summary:
          'apt-get upgrade --no-install-recommends --assume-yes: 8 upgraded — libdns-export162:amd64 upgraded ' +
          '1:9.10.3.dfsg.P4-12.3+deb9u4 → 1:9.10.3.dfsg.P4-12.3+deb9u5; vim-common:amd64 upgraded ' +
          '2:8.0.0197-4+deb9u1 → 2:8.0.0197-4+deb9u3; libisc-export160:amd64 upgraded 1:9.10.3.dfsg.P4-12.3+deb9u4 → ' +
          '1:9.10.3.dfsg.P4-12.3+deb9u5, and 5 more',
      },
      {
        kind: 'change',
        time: Date.UTC(2019, 6, 11, 12, 25, 15),
        source: 'apt',
        change: 'package',
        summary:
          'apt-get install -y apt-transport-https ca-certificates curl gnupg2 software-properties-common: 19 ' +
          'installed — libpolkit-gobject-1-0:amd64 0.105-18+deb9u1 installed; iso-codes:amd64 3.75-1 installed; ' +
          'libpackagekit-glib2-18:amd64 1.1.5-2+deb9u1 installed, and 16 more',
      },
      {
        kind: 'change',
        time: Date.UTC(2019, 6, 11, 12, 25, 24),
        source: 'apt',
        change: 'package',
        summary:
          'apt-get install -y docker-ce docker-ce-cli containerd.io: 14 installed (failed) — containerd.io:amd64 ' +
          '1.2.6-3 installed; linux-headers-4.9.0-9-common:amd64 4.9.168-1+deb9u3 installed; aufs-tools:amd64 ' +
          '1:4.1+20161219-1 installed, and 11 more',
      },
      {
        kind: 'change',
        time: Date.UTC(2019, 6, 12, 4, 19, 26),
        source: 'apt',
        change: 'package',
        summary:
          'apt-get autoremove: 6 removed — python-distorm3:amd64 3.3.4-2 removed; python-imaging:amd64 4.0.0-4 ' +
          'removed; python-py:amd64 1.4.32-3 removed, and 3 more',
        actor: 'jxs',
      },
    ]);
  });
});

describe('apt history blocks', () => {
  it('emits a block whose End-Date has not arrived yet at the end of input', () => {
    const found = changes(read(['Start-Date: 2022-09-02  06:36:31', 'Upgrade: curl:amd64 (7.68.0-1, 7.68.0-2)']));
    expect(found.map((c) => c.summary)).toEqual(['apt: 1 upgraded — curl:amd64 upgraded 7.68.0-1 → 7.68.0-2']);
  });

  it('holds a block across pushes (lines may arrive in different requests)', () => {
    const apt = new AptHistoryAssembler();
    expect(apt.push('Start-Date: 2022-09-07  06:49:28')).toEqual([]);
    expect(apt.push('Requested-By: root (0)')).toEqual([]);
    expect(apt.push('Install: jq:amd64 (1.6-1)')).toEqual([]);
    expect(changes(apt.push('End-Date: 2022-09-07  06:49:30'))).toMatchObject([{ actor: 'root', change: 'package' }]);
    expect(apt.flush()).toEqual([]);
  });

  it.each([
    [['Commandline: apt-get install x'], /before any Start-Date/],
    [['Start-Date: yesterday'], /invalid Start-Date/],
    [['this is not a field'], /malformed line/],
  ])('refuses %j naming what is wrong', (text, reason) => {
    const [skip] = skips(read(text));
    expect(skip?.reason).toMatch(reason);
    expect(skip?.reason).toMatch(MALFORMED_REASON);
  });

  it('skips a block that changed no package, as no problem', () => {
    const [skip] = skips(read(['Start-Date: 2022-09-07  06:49:28', 'Commandline: apt-get check']));
    expect(skip?.reason).not.toMatch(MALFORMED_REASON);
  });
});
