import { readFile } from 'node:fs/promises';
import type { Catalog } from '../../engine/catalog';
import { CatalogError, parseCatalog } from '../../engine/catalog';
import { ConfigError } from './load';

/** Reads the `catalog` file; a bad one stops the service with the line and key at fault, as a bad config does. */
export async function loadCatalog(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `catalog: cannot read service catalogue ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  try {
    return parseCatalog(text, path);
  } catch (error) {
    if (error instanceof CatalogError) throw new ConfigError(`catalog: ${error.message}`);
    throw error;
  }
}
