import type { AttributeType, Category, CategoryAttributeInput, CategoryCreate } from '../../../shared/catalog/category.ts';

/**
 * The category form's state and how it becomes a catalog.categories.create/update call. DOM-free,
 * so tests/renderer check it; the screen is CategoriesPanel.tsx.
 */

export interface AttributeDraft {
  /** Stable across edits of the code, for React keys. */
  key: string;
  code: string;
  type: AttributeType;
  required: boolean;
  choices: string[];
  labels: Record<string, string>;
}

export interface CategoryDraft {
  /** null: a new category. */
  id: number | null;
  parentId: number | null;
  code: string;
  names: Record<string, string>;
  attributes: AttributeDraft[];
}

let nextKey = 0;
export function attributeKey(): string {
  nextKey += 1;
  return `a${nextKey}`;
}

export function emptyAttribute(): AttributeDraft {
  return { key: attributeKey(), code: '', type: 'text', required: false, choices: [], labels: {} };
}

export function newCategoryDraft(parentId: number | null, languages: readonly string[]): CategoryDraft {
  return { id: null, parentId, code: '', names: Object.fromEntries(languages.map((l) => [l, ''])), attributes: [] };
}

export function draftFromCategory(category: Category, languages: readonly string[]): CategoryDraft {
  return {
    id: category.id,
    parentId: category.parentId,
    code: category.code,
    names: Object.fromEntries([...new Set([...languages, ...Object.keys(category.names)])].map((l) => [l, category.names[l] ?? ''])),
    attributes: category.attributes.map((a) => ({
      key: attributeKey(),
      code: a.code,
      type: a.type,
      required: a.required,
      choices: [...(a.choices ?? [])],
      labels: { ...a.labels },
    })),
  };
}

function attributeInput(a: AttributeDraft): CategoryAttributeInput {
  const labels = Object.fromEntries(Object.entries(a.labels).filter(([, v]) => v.trim() !== ''));
  return {
    code: a.code.trim(),
    type: a.type,
    required: a.required,
    ...(a.type === 'choice' ? { choices: a.choices } : {}),
    labels,
  };
}

/** What catalog.categories.create takes (blank names are dropped by the core's schema). */
export function createInput(draft: CategoryDraft): CategoryCreate {
  return { parentId: draft.parentId, code: draft.code, names: draft.names, attributes: draft.attributes.map(attributeInput) };
}

/** What catalog.categories.update takes: the whole form (each part replaces the stored one). */
export function updateInput(draft: CategoryDraft & { id: number }) {
  return { id: draft.id, parentId: draft.parentId, code: draft.code, names: draft.names, attributes: draft.attributes.map(attributeInput) };
}

/** Equal as the core would store them: keys, blank names and label order do not count. */
export function sameDraft(a: CategoryDraft, b: CategoryDraft): boolean {
  const names = (d: CategoryDraft) =>
    JSON.stringify(
      Object.entries(d.names)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()])
        .sort(),
    );
  const attributes = (d: CategoryDraft) =>
    JSON.stringify(
      d.attributes.map((x) => {
        const input = attributeInput(x);
        return { ...input, labels: Object.entries(input.labels ?? {}).sort() };
      }),
    );
  return a.id === b.id && a.parentId === b.parentId && a.code.trim().toUpperCase() === b.code.trim().toUpperCase() && names(a) === names(b) && attributes(a) === attributes(b);
}

/** The ids of a category and everything under it: where it cannot be moved to. */
export function selfAndDescendants(id: number, categories: readonly Pick<Category, 'id' | 'parentId'>[]): Set<number> {
  const out = new Set([id]);
  // The list comes depth-first, so one pass finds every descendant after its parent.
  for (const c of categories) if (c.parentId !== null && out.has(c.parentId)) out.add(c.id);
  return out;
}

/**
 * Where a form's issue path points: "attributes.2.choices" → the attribute with that index and
 * its field. Keys in the form are per attribute, the core's paths per position.
 */
export function attributeIssueTarget(path: string): { index: number; field: string } | null {
  const match = /^attributes\.(\d+)(?:\.(\w+))?/.exec(path);
  if (!match) return null;
  return { index: Number(match[1]), field: match[2] ?? 'code' };
}
