import { z } from 'zod';

/** A keyset page of `item` (every list route's answer). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next: z
      .string()
      .optional()
      .meta({ description: 'Pass as `cursor` for the next (older) page; absent on the last page.' }),
  });
}
