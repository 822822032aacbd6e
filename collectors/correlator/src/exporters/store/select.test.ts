import { redactStoreUrl, storeUrlProblem } from './select';

describe('store URLs', () => {
  it('never logs a password, in the authority or in the query string', () => {
    expect(redactStoreUrl('postgresql://lockstep:hunter2@db:5432/lockstep')).toBe(
      'postgresql://lockstep:***@db:5432/lockstep',
    );
    expect(redactStoreUrl('postgresql://db/lockstep?password=hunter2&sslmode=require')).toBe(
      'postgresql://db/lockstep?sslmode=require',
    );
    expect(redactStoreUrl('')).toBe('');
  });

  it('takes libpq forms with the host in the query string', () => {
    expect(storeUrlProblem('postgresql:///lockstep?host=/var/run/postgresql')).toBeUndefined();
    expect(storeUrlProblem('postgres://u@[::1]:5432/db')).toBeUndefined();
  });
});
