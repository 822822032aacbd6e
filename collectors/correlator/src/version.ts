// Kept in step with package.json by the release checklist in CHANGELOG.md (a test compares them).
export const VERSION = '0.1.0';
