import { HostDirectory } from './hosts';

describe('HostDirectory', () => {
  it.each([
    ['web-01', 'web-01'],
    ['web-01.prod.example.com', 'web-01'],
    ['db-02', undefined],
  ])('resolves %s against metric hosts', (raw, expected) => {
    const directory = new HostDirectory();
    directory.add('web-01');
    directory.add('web-02');
    expect(directory.resolve(raw)).toBe(expected);
  });

  it('maps localhost and missing names to the only metrics host, and to nothing when there are several', () => {
    const directory = new HostDirectory();
    directory.add('web-01.example.com');
    expect(directory.resolve('localhost')).toBe('web-01.example.com');
    expect(directory.resolve(undefined)).toBe('web-01.example.com');
    directory.add('web-02.example.com');
    expect(directory.resolve('localhost')).toBeUndefined();
  });

  it('refuses an ambiguous short name', () => {
    const directory = new HostDirectory();
    directory.add('api.eu.example.com');
    directory.add('api.us.example.com');
    expect(directory.resolve('api')).toBeUndefined();
  });
});

describe('HostDirectory.remove', () => {
  it('forgets a host; a short name shared by two means the remaining one again', () => {
    const directory = new HostDirectory();
    directory.add('api.eu.example.com');
    directory.add('api.us.example.com');
    directory.remove('api.eu.example.com');
    expect(directory.resolve('api')).toBe('api.us.example.com');
    directory.remove('api.us.example.com');
    expect(directory.resolve('api')).toBeUndefined();
    expect(directory.hosts.size).toBe(0);
  });
});
