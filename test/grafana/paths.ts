import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
/** The built plugins (npm run build:plugins). */
export const DIST = path.join(REPO, 'plugins', 'lockstep-app', 'dist');
export const APP_ID = 'lockstep-app';
