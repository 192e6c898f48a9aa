import type { Database } from 'better-sqlite3';
import type { ImportTemplate } from '../../../shared/contract/imports.ts';
import { KontorError } from '../../../shared/errors.ts';
import type { Mapping } from '../../../shared/imports/targets.ts';

/** Saved column mappings, matched to a file by its headers. */
export function listTemplates(sqlite: Database): ImportTemplate[] {
  const rows = sqlite.prepare('SELECT name, columns, options, updated_at FROM import_template ORDER BY name COLLATE NOCASE').all() as {
    name: string;
    columns: string;
    options: string;
    updated_at: string;
  }[];
  return rows.map((r) => ({ name: r.name, columns: JSON.parse(r.columns) as ImportTemplate['columns'], options: JSON.parse(r.options) as ImportTemplate['options'], updatedAt: r.updated_at }));
}

export function saveTemplate(sqlite: Database, name: string, mapping: Mapping): ImportTemplate {
  const now = new Date().toISOString();
  // Only mapped columns are kept: a template says what a header means, not which headers a file has.
  const columns = mapping.columns.filter((c) => c.target !== null);
  sqlite
    .prepare('INSERT INTO import_template (name, columns, options, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET columns = excluded.columns, options = excluded.options, updated_at = excluded.updated_at')
    .run(name, JSON.stringify(columns), JSON.stringify(mapping.options), now);
  const saved = listTemplates(sqlite).find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!saved) throw new Error(`The template ${name} was saved but cannot be read back.`);
  return saved;
}

export function deleteTemplate(sqlite: Database, name: string): { name: string } {
  const changes = sqlite.prepare('DELETE FROM import_template WHERE name = ?').run(name).changes;
  if (changes === 0) throw new KontorError('NOT_FOUND', `There is no saved mapping named "${name}".`, { key: 'imports.template.notFound', name });
  return { name };
}
