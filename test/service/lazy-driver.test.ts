import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const FIXTURE = path.join(__dirname, 'fixtures', 'drivers-loaded.ts');

describe('the PostgreSQL driver', () => {
  it('is not loaded by a service on SQLite (its few MiB stay out of the resident set)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', FIXTURE], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ onSqlite: false, afterImport: true });
  }, 60_000);
});
