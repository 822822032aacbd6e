#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the root `prepare` script).
let main;
try {
  ({ main } = require('../dist/cli/main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write(
      'lockstep: the correlator is not built yet; run `npm install` (or `npm run build`) at the repository root.\n',
    );
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`lockstep: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
