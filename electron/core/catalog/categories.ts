import { sql } from 'kysely';
import {
  MAX_CATEGORY_DEPTH,
  type AttributeType,
  type Category,
  type CategoryAttribute,
  type CategoryAttributeData,
} from '../../../shared/catalog/category.ts';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { nowIso, notFound, writeTransaction, type Db } from './db.ts';
import { getCatalogLanguages } from './languages.ts';

interface CategoryRow {
  id: number;
  parent_id: number | null;
  code: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** The tree depth-first: each category followed by its subcategories, siblings by position then code. */
export async function listCategories(db: Db): Promise<Category[]> {
  const [rows, names, attributes, counts] = await Promise.all([
    db.selectFrom('category').selectAll().execute(),
    db.selectFrom('category_name').selectAll().execute(),
    db.selectFrom('category_attribute').selectAll().orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('product')
      .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('category_id', 'is not', null)
      .groupBy('category_id')
      .execute(),
  ]);
  const namesOf = new Map<number, Record<string, string>>();
  for (const n of names) namesOf.set(n.category_id, { ...namesOf.get(n.category_id), [n.language]: n.name });
  const attributesOf = new Map<number, CategoryAttribute[]>();
  for (const a of attributes) {
    const list = attributesOf.get(a.category_id) ?? [];
    list.push({
      code: a.code,
      type: a.type as AttributeType,
      required: a.required === 1,
      choices: a.choices === null ? null : (JSON.parse(a.choices) as string[]),
      labels: JSON.parse(a.labels) as Record<string, string>,
      categoryId: a.category_id,
    });
    attributesOf.set(a.category_id, list);
  }
  const countOf = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  const childrenOf = new Map<number | null, CategoryRow[]>();
  for (const row of rows) childrenOf.set(row.parent_id, [...(childrenOf.get(row.parent_id) ?? []), row]);
  for (const list of childrenOf.values()) list.sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));

  const out: Category[] = [];
  const visit = (parentId: number | null, depth: number, inherited: CategoryAttribute[]): void => {
    for (const row of childrenOf.get(parentId) ?? []) {
      const own = attributesOf.get(row.id) ?? [];
      out.push({
        id: row.id,
        parentId: row.parent_id,
        code: row.code,
        position: row.position,
        depth,
        names: namesOf.get(row.id) ?? {},
        attributes: own,
        inheritedAttributes: inherited,
        productCount: countOf.get(row.id) ?? 0,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
      visit(row.id, depth + 1, [...inherited, ...own]);
    }
  };
  visit(null, 0, []);
  return out;
}

export async function getCategory(db: Db, id: number): Promise<Category> {
  const category = (await listCategories(db)).find((c) => c.id === id);
  if (!category) throw notFound('category', id);
  return category;
}

/** A category's attributes and all its ancestors', nearest last; what a product in it must answer. */
export async function effectiveAttributes(db: Db, categoryId: number): Promise<CategoryAttribute[]> {
  const category = (await listCategories(db)).find((c) => c.id === categoryId);
  return category ? [...category.inheritedAttributes, ...category.attributes] : [];
}

export interface CategoryCreateData {
  parentId: number | null;
  code: string;
  names: Record<string, string>;
  attributes: CategoryAttributeData[];
  position?: number | undefined;
}

export async function createCategory(db: Db, input: CategoryCreateData): Promise<Category> {
  const id = await writeTransaction(db, async (trx) => {
    const all = await listCategories(trx);
    const issues = [
      ...(await namesIssues(trx, input.names)),
      ...(await codeIssues(trx, input.code, null)),
      ...parentIssues(all, null, input.parentId),
      ...attributeClashIssues(all, null, input.parentId, input.attributes),
    ];
    if (issues.length > 0) throw new ValidationError(issues);
    const now = nowIso();
    const position = input.position ?? (await nextPosition(trx, input.parentId));
    const inserted = await trx
      .insertInto('category')
      .values({ parent_id: input.parentId, code: input.code, position, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeNames(trx, inserted.id, input.names);
    await writeAttributes(trx, inserted.id, input.attributes);
    return inserted.id;
  });
  return getCategory(db, id);
}

export interface CategoryUpdateData {
  id: number;
  parentId?: number | null | undefined;
  code?: string | undefined;
  names?: Record<string, string> | undefined;
  attributes?: CategoryAttributeData[] | undefined;
  position?: number | undefined;
}

export async function updateCategory(db: Db, input: CategoryUpdateData): Promise<Category> {
  await writeTransaction(db, async (trx) => {
    const all = await listCategories(trx);
    const current = all.find((c) => c.id === input.id);
    if (!current) throw notFound('category', input.id);
    const parentId = input.parentId === undefined ? current.parentId : input.parentId;
    const attributes = input.attributes ?? current.attributes.map(toAttributeData);
    const issues = [
      ...(input.names ? await namesIssues(trx, input.names) : []),
      ...(input.code !== undefined ? await codeIssues(trx, input.code, input.id) : []),
      ...(input.parentId !== undefined ? parentIssues(all, input.id, parentId) : []),
      ...attributeClashIssues(all, input.id, parentId, attributes),
    ];
    if (issues.length > 0) throw new ValidationError(issues);
    const moved = parentId !== current.parentId;
    await trx
      .updateTable('category')
      .set({
        parent_id: parentId,
        code: input.code ?? current.code,
        position: input.position ?? (moved ? await nextPosition(trx, parentId) : current.position),
        updated_at: nowIso(),
      })
      .where('id', '=', input.id)
      .execute();
    if (input.names) await writeNames(trx, input.id, input.names);
    if (input.attributes) await writeAttributes(trx, input.id, input.attributes);
  });
  return getCategory(db, input.id);
}

/**
 * Deletes a category that has no subcategories. Its products are unfiled here rather than by the
 * schema's ON DELETE SET NULL, so that their revision and updated time record the change.
 */
/**
 * Deletes a category without subcategories. One that products are filed in is refused unless
 * `unfileProducts` says to leave them without a category: a click should not silently unfile a
 * thousand products.
 */
export async function deleteCategory(db: Db, id: number, { unfileProducts = false }: { unfileProducts?: boolean } = {}): Promise<{ id: number; productsUnfiled: number }> {
  return writeTransaction(db, async (trx) => {
    const category = await trx.selectFrom('category').select(['id', 'code']).where('id', '=', id).executeTakeFirst();
    if (!category) throw notFound('category', id);
    const children = await trx.selectFrom('category').select('code').where('parent_id', '=', id).execute();
    if (children.length > 0) {
      throw new KontorError(
        'CONFLICT',
        `The category ${category.code} has ${children.length} subcategories (${children.map((c) => c.code).slice(0, 5).join(', ')}); move or delete them first.`,
        { key: 'catalog.category.hasChildren', id },
      );
    }
    if (!unfileProducts) {
      const used = await trx
        .selectFrom('product')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('category_id', '=', id)
        .executeTakeFirstOrThrow();
      const products = Number(used.n);
      if (products > 0) {
        throw new KontorError(
          'CONFLICT',
          `The category ${category.code} still has ${products} products filed in it; move them to another category first, or delete it leaving them without a category.`,
          { key: 'catalogSettings.categories.inUse', id, code: category.code, products },
        );
      }
    }
    const unfiled = await trx
      .updateTable('product')
      .set((eb) => ({ category_id: null, updated_at: nowIso(), revision: eb('revision', '+', 1) }))
      .where('category_id', '=', id)
      .executeTakeFirst();
    await trx.deleteFrom('category').where('id', '=', id).execute();
    return { id, productsUnfiled: Number(unfiled.numUpdatedRows) };
  });
}

/** The ids of a category and all its subcategories. */
export async function categoryWithDescendants(db: Db, id: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    WITH RECURSIVE sub(id) AS (SELECT ${id} UNION ALL SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id)
    SELECT id FROM sub`.execute(db);
  return result.rows.map((r) => r.id);
}

function toAttributeData(a: CategoryAttribute): CategoryAttributeData {
  return { code: a.code, type: a.type, required: a.required, choices: a.choices, labels: a.labels };
}

async function namesIssues(db: Db, names: Record<string, string>): Promise<FieldIssue[]> {
  const { languages } = await getCatalogLanguages(db);
  return Object.keys(names)
    .filter((language) => !languages.includes(language))
    .map((language) => ({
      path: `names.${language}`,
      key: 'catalog.text.language',
      message: `${language} is not a catalog language (${languages.join(', ')}); add it in the catalog settings first.`,
      params: { language },
    }));
}

async function codeIssues(db: Db, code: string, selfId: number | null): Promise<FieldIssue[]> {
  const taken = await db
    .selectFrom('category')
    .select(['id', 'code'])
    .where('code', '=', code)
    .$if(selfId !== null, (qb) => qb.where('id', '<>', selfId ?? 0))
    .executeTakeFirst();
  if (!taken) return [];
  return [
    {
      path: 'code',
      key: 'catalog.category.codeTaken',
      message: `Another category already has the code ${taken.code}.`,
      params: { code },
    },
  ];
}

/** The parent must exist, must not be the category itself or below it, and the tree stays shallow. */
function parentIssues(all: Category[], selfId: number | null, parentId: number | null): FieldIssue[] {
  if (parentId === null) return [];
  const byId = new Map(all.map((c) => [c.id, c]));
  const parent = byId.get(parentId);
  if (!parent) {
    return [{ path: 'parentId', key: 'catalog.category.parentNotFound', message: `There is no category with id ${parentId}.`, params: { parentId } }];
  }
  if (selfId !== null) {
    for (let at: Category | undefined = parent; at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      if (at.id === selfId) {
        return [
          {
            path: 'parentId',
            key: 'catalog.category.cycle',
            message: `${parent.code} is inside the category being moved; a category cannot go below itself.`,
            params: { parentId },
          },
        ];
      }
    }
  }
  const subtreeHeight = selfId === null ? 0 : heightBelow(all, selfId);
  if (parent.depth + 1 + subtreeHeight >= MAX_CATEGORY_DEPTH) {
    return [
      {
        path: 'parentId',
        key: 'catalog.category.tooDeep',
        message: `Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep.`,
        params: { maximum: MAX_CATEGORY_DEPTH },
      },
    ];
  }
  return [];
}

function heightBelow(all: Category[], id: number): number {
  const children = all.filter((c) => c.parentId === id);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map((c) => heightBelow(all, c.id)));
}

/**
 * A product answers its category's attributes and every ancestor's, by code, so a code may appear
 * once along any path from the top to a leaf.
 */
function attributeClashIssues(
  all: Category[],
  selfId: number | null,
  parentId: number | null,
  attributes: CategoryAttributeData[],
): FieldIssue[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const parent = parentId === null ? undefined : byId.get(parentId);
  const above = parent ? [...parent.inheritedAttributes, ...parent.attributes] : [];
  const below: CategoryAttribute[] = [];
  if (selfId !== null) {
    const collect = (id: number): void => {
      for (const child of all.filter((c) => c.parentId === id)) {
        below.push(...child.attributes);
        collect(child.id);
      }
    };
    collect(selfId);
  }
  const issues: FieldIssue[] = [];
  attributes.forEach((attribute, index) => {
    const clash = [...above, ...below].find((a) => a.code === attribute.code);
    if (!clash) return;
    const owner = byId.get(clash.categoryId)?.code ?? String(clash.categoryId);
    issues.push({
      path: `attributes.${index}.code`,
      key: 'catalog.attribute.inherited',
      message: `The attribute ${attribute.code} is already defined by the category ${owner} on the same branch.`,
      params: { code: attribute.code, category: owner },
    });
  });
  return issues;
}

async function nextPosition(db: Db, parentId: number | null): Promise<number> {
  const row = await db
    .selectFrom('category')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

async function writeNames(db: Db, categoryId: number, names: Record<string, string>): Promise<void> {
  await db.deleteFrom('category_name').where('category_id', '=', categoryId).execute();
  const rows = Object.entries(names).map(([language, name]) => ({ category_id: categoryId, language, name }));
  if (rows.length > 0) await db.insertInto('category_name').values(rows).execute();
}

async function writeAttributes(db: Db, categoryId: number, attributes: CategoryAttributeData[]): Promise<void> {
  await db.deleteFrom('category_attribute').where('category_id', '=', categoryId).execute();
  if (attributes.length === 0) return;
  await db
    .insertInto('category_attribute')
    .values(
      attributes.map((a, position) => ({
        category_id: categoryId,
        code: a.code,
        type: a.type,
        required: a.required ? 1 : 0,
        choices: a.choices === null ? null : JSON.stringify(a.choices),
        labels: JSON.stringify(a.labels),
        position,
      })),
    )
    .execute();
}
