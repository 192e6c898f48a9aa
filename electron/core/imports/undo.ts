import type { Database } from 'better-sqlite3';
import type { ProductFields } from '../../../shared/catalog/product.ts';
import { KontorError } from '../../../shared/errors.ts';
import type { ImportUndoResult } from '../../../shared/imports/runs.ts';
import { BULK_AUDIT_FROM, beginBulkAudit } from '../audit/bulkAudit.ts';
import { PRODUCT_WRITER_TABLES, productWriter } from './productWriter.ts';
import { readStoredByIds } from './plan.ts';
import { reindexSync, unindexSync } from './searchRows.ts';

interface ChangeRow {
  product_id: number;
  sku: string;
  action: 'create' | 'update';
  before: string | null;
  revision_after: number;
}

/**
 * Undoes an import in one transaction: updated products get their previous values back, created
 * ones are deleted, and categories the import created go when nothing uses them. A product that
 * was changed since the import (its revision moved on), that has stock history, or (for a created
 * parent) variants the import did not make, is left as it is and listed with the reason.
 * Synchronous from BEGIN to COMMIT, so no other call can slip a write in between.
 */
export function undoImport(sqlite: Database, runId: number, options: { /** Tests turn it; see runImport's. */ bulkAuditFrom?: number } = {}): ImportUndoResult {
  const run = sqlite.prepare('SELECT id, undone_at, categories_created FROM import_run WHERE id = ?').get(runId) as
    | { id: number; undone_at: string | null; categories_created: string }
    | undefined;
  if (!run) throw new KontorError('NOT_FOUND', `There is no import #${runId}.`, { id: runId, key: 'imports.undoErrors.notFound' });
  if (run.undone_at !== null) throw new KontorError('CONFLICT', `Import #${runId} was already undone on ${run.undone_at}.`, { id: runId, key: 'imports.undoErrors.already', at: run.undone_at });
  const lists = new Map((sqlite.prepare('SELECT code, id FROM price_list').all() as { code: string; id: number }[]).map((l) => [l.code.toUpperCase(), l.id]));
  const work = sqlite.transaction((): ImportUndoResult => {
    const changes = sqlite.prepare('SELECT product_id, sku, action, before, revision_after FROM import_change WHERE run_id = ? ORDER BY product_id DESC').all(runId) as ChangeRow[];
    const writer = productWriter(sqlite, lists);
    const revision = sqlite.prepare('SELECT revision FROM product WHERE id = ?').pluck();
    const hasStock = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM stock_movement WHERE product_id = ?) OR EXISTS (SELECT 1 FROM stock_level WHERE product_id = ?)').pluck();
    const variantIds = sqlite.prepare('SELECT id FROM product WHERE parent_id = ?').pluck();
    const deleteProduct = sqlite.prepare('DELETE FROM product WHERE id = ?');
    const kept: { sku: string; reason: 'changedSince' | 'hasStock' | 'hasOtherVariants' | 'inUse' | 'gone' }[] = [];
    const restoredIds: number[] = [];
    const removedIds: number[] = [];
    const now = new Date().toISOString();
    const stored = readStoredByIds(sqlite, changes.filter((c) => c.action === 'update').map((c) => c.product_id));
    const audit = changes.length >= (options.bulkAuditFrom ?? BULK_AUDIT_FROM) ? beginBulkAudit(sqlite, PRODUCT_WRITER_TABLES) : null;
    audit?.remember(changes.map((c) => c.product_id));
    // Variants come before their parents (higher ids first), so a parent is free once they are gone.
    for (const change of changes) {
      const current = revision.get(change.product_id) as number | undefined;
      if (current === undefined) {
        kept.push({ sku: change.sku, reason: 'gone' });
        continue;
      }
      if (current !== change.revision_after) {
        kept.push({ sku: change.sku, reason: 'changedSince' });
        continue;
      }
      if (change.action === 'create') {
        if (hasStock.get(change.product_id, change.product_id) === 1) {
          kept.push({ sku: change.sku, reason: 'hasStock' });
          continue;
        }
        // Its own variants were removed just before (higher ids first); any left were kept or added since.
        if (variantIds.all(change.product_id).length > 0) {
          kept.push({ sku: change.sku, reason: 'hasOtherVariants' });
          continue;
        }
        try {
          deleteProduct.run(change.product_id);
        } catch (error) {
          // A document of another area (an invoice line, a listing) refers to it: it is in use.
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
          kept.push({ sku: change.sku, reason: 'inUse' });
          continue;
        }
        removedIds.push(change.product_id);
        continue;
      }
      const before = JSON.parse(change.before ?? '{}') as { fields: ProductFields; options: { name: string; values: string[] }[]; optionValues: Record<string, string> | null };
      writer.update(change.product_id, before.fields, before.optionValues, now, stored.get(change.product_id)?.fields ?? null);
      if ((stored.get(change.product_id)?.kind ?? 'simple') === 'parent') writer.setOptions(change.product_id, before.options);
      restoredIds.push(change.product_id);
    }
    audit?.finish([]);
    unindexSync(sqlite, removedIds);
    const parentsOfRestored = restoredIds.flatMap((id) => variantIds.all(id) as number[]);
    reindexSync(sqlite, [...restoredIds, ...parentsOfRestored]);
    let categoriesRemoved = 0;
    const categoryIds = (JSON.parse(run.categories_created) as number[]).sort((a, b) => b - a);
    for (const id of categoryIds) {
      const used = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM product WHERE category_id = ?) OR EXISTS (SELECT 1 FROM category WHERE parent_id = ?)').pluck().get(id, id);
      if (used === 1) continue;
      categoriesRemoved += sqlite.prepare('DELETE FROM category WHERE id = ?').run(id).changes;
    }
    sqlite.prepare('UPDATE import_run SET undone_at = ? WHERE id = ?').run(now, runId);
    return { runId, restored: restoredIds.length, removed: removedIds.length, categoriesRemoved, kept };
  });
  return work.immediate();
}
