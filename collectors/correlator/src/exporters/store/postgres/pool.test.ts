import { loadDriver } from './pool';

describe('the PostgreSQL driver', () => {
  it('is loaded on demand', async () => {
    const driver = await loadDriver();
    expect(typeof driver.Pool).toBe('function');
  });

  it('says what is missing when it cannot be loaded', async () => {
    const missing = Object.assign(new Error("Cannot find module 'pg'"), { code: 'MODULE_NOT_FOUND' });
    await expect(loadDriver(() => Promise.reject(missing))).rejects.toThrow(
      "store.url names a PostgreSQL database, but the PostgreSQL driver (the pg package) cannot be loaded: Cannot find module 'pg'",
    );
  });
});
