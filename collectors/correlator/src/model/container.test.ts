import { normalizeContainerId, sameContainer } from './container';

const FULL = '19a02291e106ce6227b684197be232ea57c4e1a5ab2604a12608c325d701c7f4';

describe('normalizeContainerId', () => {
  it.each([
    [FULL, FULL],
    [`containerd://${FULL}`, FULL],
    [`docker://${FULL.toUpperCase()}`, FULL],
    [`/kubepods.slice/kubepods-burstable.slice/cri-containerd-${FULL}.scope`, FULL],
    [`/system.slice/docker-${FULL}.scope`, FULL],
    [`/machine.slice/libpod-${FULL}.scope`, FULL],
    [`crio-${FULL}`, FULL],
    ['19a02291e106', '19a02291e106'],
    ['host', undefined],
    ['', undefined],
    ['not-a-container', undefined],
    [42, undefined],
  ])('normalizes %j', (raw, expected) => {
    expect(normalizeContainerId(raw)).toBe(expected);
  });

  it('treats the 12-hex short id and the full id as the same container', () => {
    expect(sameContainer(FULL.slice(0, 12), FULL)).toBe(true);
    expect(sameContainer(FULL, 'b'.repeat(64))).toBe(false);
    expect(sameContainer(undefined, FULL)).toBe(false);
  });
});
