import { describe, expect, it } from 'vitest';
import { CategoryCreateSchema, CategoryUpdateSchema, type Category } from '../../shared/catalog/category.ts';
import {
  attributeIssueTarget,
  createInput,
  draftFromCategory,
  emptyAttribute,
  newCategoryDraft,
  sameDraft,
  selfAndDescendants,
  updateInput,
} from '../../renderer/src/catalogSettings/categoryDraft.ts';
import { moveItem } from '../../renderer/src/catalogSettings/languageOrder.ts';

// The category form's logic without the browser: what it sends (accepted by the core's schemas),
// when it counts as changed, and where a category may not be moved.

function category(overrides: Partial<Category>): Category {
  return {
    id: 1,
    parentId: null,
    code: 'RUGS',
    position: 0,
    depth: 0,
    names: { en: 'Rugs', ar: 'سجاد' },
    attributes: [{ code: 'material', type: 'choice', required: true, choices: ['Wool', 'Cotton'], labels: { en: 'Material' }, categoryId: 1 }],
    inheritedAttributes: [],
    productCount: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('the category form', () => {
  it('starts a new category with an empty name per catalog language, under the chosen parent', () => {
    expect(newCategoryDraft(4, ['en', 'fr'])).toEqual({ id: null, parentId: 4, code: '', names: { en: '', fr: '' }, attributes: [] });
  });

  it('round-trips a stored category unchanged, and sees a changed label, choice or parent', () => {
    const stored = category({});
    const draft = draftFromCategory(stored, ['en', 'fr', 'de', 'ar']);
    expect(draft.names).toEqual({ en: 'Rugs', fr: '', de: '', ar: 'سجاد' });
    expect(sameDraft(draft, draftFromCategory(stored, ['en', 'fr', 'de', 'ar']))).toBe(true);
    // Blank names, code case and attribute keys do not count as changes.
    expect(sameDraft({ ...draft, code: 'rugs ', names: { ...draft.names, fr: '  ' } }, draft)).toBe(true);
    const [material] = draft.attributes;
    if (!material) throw new Error('expected an attribute');
    expect(sameDraft({ ...draft, attributes: [{ ...material, labels: { ...material.labels, fr: 'Matière' } }] }, draft)).toBe(false);
    expect(sameDraft({ ...draft, attributes: [{ ...material, choices: ['Wool'] }] }, draft)).toBe(false);
    expect(sameDraft({ ...draft, parentId: 7 }, draft)).toBe(false);
    expect(sameDraft({ ...draft, attributes: [...draft.attributes, emptyAttribute()] }, draft)).toBe(false);
  });

  it("sends what the core's schemas accept: blank labels dropped, choices only for a choice attribute", () => {
    const draft = draftFromCategory(category({}), ['en', 'fr']);
    const extra = { ...emptyAttribute(), code: 'pile_height_mm', type: 'number' as const, choices: ['left over'], labels: { en: 'Pile height', fr: ' ' } };
    const withExtra = { ...draft, attributes: [...draft.attributes, extra] };
    const created = CategoryCreateSchema.parse(createInput({ ...withExtra, id: null }));
    expect(created.attributes).toEqual([
      { code: 'material', type: 'choice', required: true, choices: ['Wool', 'Cotton'], labels: { en: 'Material' } },
      { code: 'pile_height_mm', type: 'number', required: false, choices: null, labels: { en: 'Pile height' } },
    ]);
    expect(created.names).toEqual({ en: 'Rugs', ar: 'سجاد' });
    const updated = CategoryUpdateSchema.parse(updateInput({ ...withExtra, id: 1 }));
    expect(updated).toMatchObject({ id: 1, parentId: null, code: 'RUGS' });
  });

  it('offers no parent that would put a category under itself or its own subcategories', () => {
    const tree = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: null },
      { id: 5, parentId: 1 },
    ];
    expect([...selfAndDescendants(1, tree)].sort()).toEqual([1, 2, 3, 5]);
    expect([...selfAndDescendants(2, tree)].sort()).toEqual([2, 3]);
    expect([...selfAndDescendants(4, tree)]).toEqual([4]);
  });

  it("points the core's attribute issue paths at the attribute and field", () => {
    expect(attributeIssueTarget('attributes.2.choices')).toEqual({ index: 2, field: 'choices' });
    expect(attributeIssueTarget('attributes.0')).toEqual({ index: 0, field: 'code' });
    expect(attributeIssueTarget('names.fr')).toBeNull();
  });
});

describe('the catalog language order', () => {
  it('moves a language up or down, stopping at the ends', () => {
    expect(moveItem(['en', 'fr', 'de', 'ar'], 3, -1)).toEqual(['en', 'fr', 'ar', 'de']);
    expect(moveItem(['en', 'fr', 'de', 'ar'], 0, 1)).toEqual(['fr', 'en', 'de', 'ar']);
    expect(moveItem(['en', 'fr'], 0, -1)).toEqual(['en', 'fr']);
    expect(moveItem(['en', 'fr'], 1, 5)).toEqual(['en', 'fr']);
  });
});
