import { readFile } from 'node:fs/promises';
import type { Catalog } from '../engine/catalog';
import { CatalogError, parseCatalog } from '../engine/catalog';

/** Reads and validates a service catalogue file; a CatalogError names the file (and the line and key at fault). */
export async function readCatalogFile(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogError(
      `cannot read service catalogue ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return parseCatalog(text, path);
}
