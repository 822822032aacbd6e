import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const FIXTURE = path.join(__dirname, '__fixtures__', 'hidden-classes.ts');

describe('objects kept per series, per signal and per change', () => {
  // An object spread at a site that has seen several shapes gives each copy a hidden class of its own: with
  // 100,000 processes on one host that was 18 MB of maps and descriptors (bench:memory's pid phase).
  it('share their hidden classes whatever shapes came before them (process refs, stored signals and changes)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', FIXTURE],
      { timeout: 30_000 },
    );
    // shapesBefore: the site really saw several shapes first (what makes a spread give out hidden classes).
    expect(JSON.parse(stdout)).toEqual({
      processRefs: { shapesBefore: 2, share: true },
      signals: { shapesBefore: 3, share: true },
      changes: { shapesBefore: 3, share: true },
    });
  }, 60_000);
});
