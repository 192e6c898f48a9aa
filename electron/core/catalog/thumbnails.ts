import { sql } from 'kysely';
import type { ProductThumbnail } from '../../../shared/catalog/priceLists.ts';
import { jsonIds, type Db } from './db.ts';

/**
 * The main image (position 0) of each product asked for, for the list's thumbnail column; a
 * variant without images of its own shows its parent's. Products without any image are left out.
 * Separate from products.list so the list's page query stays one index walk.
 */
export async function productThumbnails(db: Db, ids: readonly number[]): Promise<ProductThumbnail[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ product_id: number; image_id: number | null }>`
    SELECT p.id AS product_id,
      coalesce(
        (SELECT i.id FROM product_image i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1),
        (SELECT i.id FROM product_image i WHERE i.product_id = p.parent_id ORDER BY i.position LIMIT 1)
      ) AS image_id
    FROM product p
    WHERE p.id IN (SELECT value FROM json_each(${jsonIds(ids)}))`.execute(db);
  return result.rows.flatMap((r) => (r.image_id === null ? [] : [{ productId: r.product_id, imageId: r.image_id }]));
}
