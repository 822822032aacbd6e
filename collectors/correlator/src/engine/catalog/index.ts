export { Catalog } from './catalog';
export type { CatalogSubject } from './catalog';
export { CatalogError, parseCatalog } from './parse';
export type { CatalogEntry } from './schema';
