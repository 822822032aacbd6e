import { toContributor, toCulprit } from './records';

describe('instances on contributors and culprits', () => {
  it('reads the instance count of a group', () => {
    expect(toContributor({ process: { 'process.pid': 1 }, share: 0.5, instances: 12 })).toEqual({
      process: expect.objectContaining({ pid: 1 }),
      share: 0.5,
      instances: 12,
    });
    expect(toCulprit({ 'process.pid': 1, 'process.executable.name': 'xmrig', instances: 4 })?.instances).toBe(4);
  });

  it.each([1, 0, -3, 2.5, '12', null, Number.NaN])('reads %p as a single process', (instances) => {
    expect(toContributor({ process: { 'process.pid': 1 }, share: 0.5, instances })).toEqual({
      process: expect.objectContaining({ pid: 1 }),
      share: 0.5,
    });
    expect(toCulprit({ 'process.pid': 1, 'process.executable.name': 'x', instances })?.instances).toBeUndefined();
  });
});
