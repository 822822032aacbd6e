// Kept in step with package.json by the release checklist in CHANGELOG.md (version.test.ts compares them).
export const VERSION = '0.1.0';
