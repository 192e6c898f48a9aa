import type { Category, CategoryAttribute } from '../../../shared/catalog/category.ts';

/** What Mantine's Tree and TreeSelect take; declared here so this file stays free of the DOM. */
export interface CategoryNode {
  value: string;
  label: string;
  children?: CategoryNode[];
}

/** A category's name in the first of `languages` that has one, else its code. */
export function categoryName(category: Pick<Category, 'names' | 'code'>, languages: readonly string[]): string {
  for (const language of languages) {
    const name = category.names[language];
    if (name) return name;
  }
  return Object.values(category.names)[0] ?? category.code;
}

/** The tree for a picker; the list comes flat and depth-first (parents before children). */
export function categoryTree(categories: readonly Category[], languages: readonly string[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const category of categories) {
    const node: CategoryNode = { value: String(category.id), label: categoryName(category, languages) };
    nodes.set(category.id, node);
    const parent = category.parentId === null ? undefined : nodes.get(category.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** "Cosmetics › Argan oil": where a category sits, for the grid and for labels. */
export function categoryPath(id: number | null, categories: readonly Category[], languages: readonly string[]): string {
  if (id === null) return '';
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parts: string[] = [];
  for (let c = byId.get(id); c !== undefined && parts.length <= 8; c = c.parentId === null ? undefined : byId.get(c.parentId)) {
    parts.unshift(categoryName(c, languages));
  }
  return parts.join(' › ');
}

/** The custom attributes a product of this category has: its ancestors' first, then its own. */
export function attributesOf(categoryId: number | null, categories: readonly Category[]): CategoryAttribute[] {
  if (categoryId === null) return [];
  const category = categories.find((c) => c.id === categoryId);
  return category ? [...category.inheritedAttributes, ...category.attributes] : [];
}

/** An attribute's label in the first of `languages` that has one, else its code. */
export function attributeLabel(attribute: CategoryAttribute, languages: readonly string[]): string {
  for (const language of languages) {
    const label = attribute.labels[language];
    if (label) return label;
  }
  return attribute.code;
}
