import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VERSION } from './version';

test('VERSION is the package version (the OpenAPI document, the exported records and --version show it)', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(manifest.version);
});
