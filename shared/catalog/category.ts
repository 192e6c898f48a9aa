import { z } from 'zod';

export const ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export const MAX_CATEGORY_DEPTH = 8;
export const MAX_ATTRIBUTES = 50;

const LANGUAGE_KEY = z.string().regex(/^[a-z]{2,3}$/, { error: 'A language is a two- or three-letter ISO 639 code.' });

/** Upper-cased on the way in, so "rugs" and "RUGS" cannot be two categories. */
export const CategoryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, { error: 'Give the category a short code, e.g. RUGS.' })
  .max(40)
  .refine((code) => /^[A-Z0-9][A-Z0-9_-]*$/.test(code), {
    error: 'A category code may contain letters A–Z, digits, - and _ only.',
    params: { key: 'validation.categoryCode.format' },
  });

/** Names by language; blank names are dropped so a form may send every catalog language. */
export const CategoryNamesSchema = z
  .record(LANGUAGE_KEY, z.string().trim().max(200))
  .transform((names) => Object.fromEntries(Object.entries(names).filter(([, name]) => name !== '')))
  .refine((names) => Object.keys(names).length > 0, {
    error: 'Name the category in at least one language.',
    params: { key: 'catalog.category.nameRequired' },
  });

export const CategoryAttributeInputSchema = z
  .object({
    /** The key under which products store the value: lower case, e.g. `pile_height_mm`. */
    code: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .refine((code) => /^[a-z][a-z0-9_]*$/.test(code), {
        error: 'An attribute code starts with a letter and has lower-case letters, digits and _ only, e.g. material.',
        params: { key: 'validation.attributeCode.format' },
      }),
    type: z.enum(ATTRIBUTE_TYPES),
    required: z.boolean().default(false),
    /** Only for `choice`: the allowed values. */
    choices: z.array(z.string().trim().min(1).max(100)).max(200).nullish(),
    labels: z.record(LANGUAGE_KEY, z.string().trim().min(1).max(100)).default({}),
  })
  .superRefine((attribute, ctx) => {
    const hasChoices = (attribute.choices?.length ?? 0) > 0;
    if (attribute.type === 'choice' && !hasChoices) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `The choice attribute ${attribute.code} needs at least one value to choose from.`,
        params: { key: 'catalog.attribute.choicesRequired', code: attribute.code },
      });
    }
    if (attribute.type !== 'choice' && hasChoices) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `Only a choice attribute has values to choose from; ${attribute.code} is of type ${attribute.type}.`,
        params: { key: 'catalog.attribute.choicesNotAllowed', code: attribute.code },
      });
    }
  })
  .transform((a) => ({ ...a, choices: a.type === 'choice' ? (a.choices ?? []) : null }));
export type CategoryAttributeInput = z.input<typeof CategoryAttributeInputSchema>;
export type CategoryAttributeData = z.output<typeof CategoryAttributeInputSchema>;

const AttributesSchema = z
  .array(CategoryAttributeInputSchema)
  .max(MAX_ATTRIBUTES)
  .superRefine((attributes, ctx) => {
    const seen = new Set<string>();
    attributes.forEach((attribute, index) => {
      if (seen.has(attribute.code)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'code'],
          message: `The attribute ${attribute.code} is listed twice.`,
          params: { key: 'catalog.attribute.duplicate', code: attribute.code },
        });
      }
      seen.add(attribute.code);
    });
  });

export const CategoryCreateSchema = z
  .object({
    parentId: z.number().int().positive().nullish().transform((v) => v ?? null),
    code: CategoryCodeSchema,
    names: CategoryNamesSchema,
    attributes: AttributesSchema.default([]),
    /** Place among its siblings; omitted puts it last. */
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type CategoryCreate = z.input<typeof CategoryCreateSchema>;

export const CategoryUpdateSchema = z
  .object({
    id: z.number().int().positive(),
    parentId: z.number().int().positive().nullable().optional(),
    code: CategoryCodeSchema.optional(),
    names: CategoryNamesSchema.optional(),
    /** Replaces the category's own attributes as a whole. */
    attributes: AttributesSchema.optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type CategoryUpdate = z.input<typeof CategoryUpdateSchema>;

export const CategoryAttributeSchema = z.object({
  code: z.string(),
  type: z.enum(ATTRIBUTE_TYPES),
  required: z.boolean(),
  choices: z.array(z.string()).nullable(),
  labels: z.record(z.string(), z.string()),
  /** The category that defines it: a product answers its category's and every ancestor's attributes. */
  categoryId: z.number().int(),
});
export type CategoryAttribute = z.infer<typeof CategoryAttributeSchema>;

export const CategorySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  position: z.number().int(),
  /** 0 for a top-level category. */
  depth: z.number().int(),
  names: z.record(z.string(), z.string()),
  /** Its own attributes only; `inheritedAttributes` holds its ancestors'. */
  attributes: z.array(CategoryAttributeSchema),
  inheritedAttributes: z.array(CategoryAttributeSchema),
  /** Products filed directly in this category (not in its subcategories). */
  productCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Category = z.infer<typeof CategorySchema>;
