import { z } from 'zod';
import { CountryCodeSchema } from '../company/profile.ts';
import { optionalText, requiredText } from '../validation/zod.ts';
import { INSTANT_HINT, parseStockInstant } from './dates.ts';

/**
 * The stock API's shapes. Quantities come in as decimal strings (or numbers) and are parsed by the
 * core against the product's unit, because only the core knows the unit; money comes in as a
 * decimal string in the company's base currency. Everything answered is integers: quantities in
 * thousandths of the product's unit (`…Milli`), money in minor units of `currency` (`…Minor`).
 */

export const WAREHOUSE_KINDS = ['own', '3pl', 'marketplace', 'consignment'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export const MOVEMENT_KINDS = ['receipt', 'shipment', 'adjustment', 'transfer_out', 'transfer_in', 'return'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const VALUATION_METHODS = ['average', 'fifo'] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];

export const STOCKTAKE_STATUSES = ['open', 'posted', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

// ---- building blocks ---------------------------------------------------------------------------

/** "12", "12.5", "12,5" or 12.5; parsed against the product's unit by the core. */
export const QuantityInputSchema = z.union([
  z.string().trim().min(1, { error: 'Enter a quantity.' }),
  z.number().finite(),
]);
export type QuantityInput = z.infer<typeof QuantityInputSchema>;

/** A decimal amount in the base currency: "12.50" or "12,50". */
export const AmountInputSchema = z.string().trim().min(1, { error: 'Enter an amount.' });

export const InstantInputSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parseStockInstant(value);
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a date. ${INSTANT_HINT}`, params: { key: 'validation.stock.instant', value } });
    return z.NEVER;
  });

export const WarehouseCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z0-9][A-Z0-9._-]{0,19}$/.test(code), {
    error: 'A warehouse code is 1 to 20 letters, digits, dots, dashes or underscores, such as MAIN or FBA-DE.',
    params: { key: 'validation.stock.warehouseCode' },
  });

/** A warehouse by its id or its code (any case). */
export const WarehouseRefSchema = z.union([z.number().int().positive(), z.string().trim().min(1, { error: 'Choose a warehouse.' })]);
export type WarehouseRef = z.infer<typeof WarehouseRefSchema>;

const Sku = z.string().trim().min(1, { error: 'Enter a SKU.' }).max(64);
const ProductId = z.number().int().positive();
const Reference = optionalText(200);
const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };

/** Inputs name a product by `sku` or by `productId`, never both. */
function oneProduct(value: { sku?: string | undefined; productId?: number | undefined }, ctx: z.RefinementCtx): void {
  if ((value.sku === undefined) === (value.productId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['sku'],
      message: 'Name the product by its SKU or by its id (one of the two).',
      params: { key: 'validation.stock.productRef' },
    });
  }
}

// ---- warehouses and locations ------------------------------------------------------------------

export const WarehouseSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(WAREHOUSE_KINDS),
  country: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Warehouse = z.infer<typeof WarehouseSchema>;

export const WarehouseCreateSchema = z
  .object({
    code: WarehouseCodeSchema,
    name: requiredText(120),
    kind: z.enum(WAREHOUSE_KINDS),
    country: CountryCodeSchema.nullish().transform((v) => v ?? null),
  })
  .strict();

export const WarehouseUpdateSchema = z
  .object({
    id: z.number().int().positive(),
    code: WarehouseCodeSchema.optional(),
    name: requiredText(120).optional(),
    kind: z.enum(WAREHOUSE_KINDS).optional(),
    country: CountryCodeSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type WarehouseUpdate = z.infer<typeof WarehouseUpdateSchema>;

export const LocationSchema = z.object({ id: z.number().int(), warehouseId: z.number().int(), code: z.string() });
export type Location = z.infer<typeof LocationSchema>;

export const LocationCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z0-9][A-Z0-9._/-]{0,39}$/.test(code), {
    error: 'A location code is 1 to 40 letters, digits, dots, dashes, slashes or underscores, such as A-01-3.',
    params: { key: 'validation.stock.locationCode' },
  });

// ---- movements ---------------------------------------------------------------------------------

const MovementBase = {
  sku: Sku.optional(),
  productId: ProductId.optional(),
  warehouse: WarehouseRefSchema,
  /** A location code inside the warehouse; informational, stock levels are per warehouse. */
  location: z.string().trim().min(1).optional(),
  quantity: QuantityInputSchema,
  reference: Reference,
  /** When it happened; now if left out. Must not be before the product's latest movement. */
  occurredAt: InstantInputSchema.optional(),
};

export const ReceiveInputSchema = z
  .object({
    ...MovementBase,
    /** The purchase cost per unit; or give `totalCost`, the invoice line's total, instead. */
    unitCost: AmountInputSchema.optional(),
    totalCost: AmountInputSchema.optional(),
    supplier: optionalText(200),
    /** The supplier as a contact (role supplier or both); `supplier` defaults to its name. */
    supplierContactId: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine(oneProduct)
  .superRefine((value, ctx) => {
    if ((value.unitCost === undefined) === (value.totalCost === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitCost'],
        message: 'Give the cost per unit or the total cost of the goods received (one of the two).',
        params: { key: 'validation.stock.costRequired' },
      });
    }
  });

export const ShipInputSchema = z.object(MovementBase).strict().superRefine(oneProduct);

export const AdjustInputSchema = z
  .object({
    ...MovementBase,
    reason: requiredText(500),
    /** Only for stock coming in: its cost per unit; the current average cost otherwise. */
    unitCost: AmountInputSchema.optional(),
  })
  .strict()
  .superRefine(oneProduct);

export const TransferInputSchema = z
  .object({
    sku: Sku.optional(),
    productId: ProductId.optional(),
    from: WarehouseRefSchema,
    to: WarehouseRefSchema,
    quantity: QuantityInputSchema,
    reference: Reference,
    occurredAt: InstantInputSchema.optional(),
  })
  .strict()
  .superRefine(oneProduct);

export const ReturnInputSchema = z
  .object({
    sku: Sku.optional(),
    productId: ProductId.optional(),
    /** The shipment taken back: the return comes in at its cost. Without it, at the average cost. */
    shipmentId: z.number().int().positive().optional(),
    /** Defaults to the shipment's warehouse. */
    warehouse: WarehouseRefSchema.optional(),
    location: z.string().trim().min(1).optional(),
    quantity: QuantityInputSchema,
    reason: optionalText(500),
    reference: Reference,
    occurredAt: InstantInputSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.shipmentId === undefined) {
      oneProduct(value, ctx);
      if (value.warehouse === undefined) {
        ctx.addIssue({ code: 'custom', path: ['warehouse'], message: 'Choose the warehouse the goods come back to.', params: { key: 'validation.required' } });
      }
    } else if (value.sku !== undefined && value.productId !== undefined) {
      oneProduct(value, ctx);
    }
  });

export const CorrectInputSchema = z
  .object({ movementId: z.number().int().positive(), reason: optionalText(500) })
  .strict();

export const MovementSchema = z.object({
  id: z.number().int(),
  kind: z.enum(MOVEMENT_KINDS),
  productId: z.number().int(),
  sku: z.string(),
  unit: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  locationId: z.number().int().nullable(),
  locationCode: z.string().nullable(),
  /** Signed: in is positive, out negative. */
  quantityMilli: z.number().int(),
  /** Signed change of stock value. */
  valueMinor: z.number().int(),
  /** Receipts: the purchase cost per unit; others: the valuation cost per unit used. */
  unitCostMinor: z.number().int().nullable(),
  /** Shipments (and their corrections): the cost of goods the ledger posts, i.e. −valueMinor. */
  costOfGoodsMinor: z.number().int().nullable(),
  supplier: z.string().nullable(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  transferId: z.number().int().nullable(),
  correctsId: z.number().int().nullable(),
  correctedById: z.number().int().nullable(),
  returnOfId: z.number().int().nullable(),
  stocktakeId: z.number().int().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
});
export type Movement = z.infer<typeof MovementSchema>;

export const MovementsResultSchema = z.object({ currency: z.string().nullable(), movements: z.array(MovementSchema) });
export type MovementsResult = z.infer<typeof MovementsResultSchema>;

export const MovementHistoryInputSchema = z
  .object({ sku: Sku.optional(), productId: ProductId.optional(), warehouse: WarehouseRefSchema.optional(), ...Page })
  .strict()
  .superRefine(oneProduct);

export const MovementPageSchema = z.object({
  currency: z.string().nullable(),
  total: z.number().int(),
  /** Newest first. */
  rows: z.array(MovementSchema),
});

// ---- levels, reorder rules, low stock ----------------------------------------------------------

export const LevelSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  unit: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  onHandMilli: z.number().int(),
  reservedMilli: z.number().int(),
  /** On hand minus reserved. */
  availableMilli: z.number().int(),
  reorderPointMilli: z.number().int().nullable(),
  reorderQuantityMilli: z.number().int().nullable(),
  /** There is a reorder rule and available ≤ its reorder point. */
  low: z.boolean(),
  /** On hand here at the company-wide average cost (valuation is per product, not per warehouse). */
  valueMinor: z.number().int(),
});
export type Level = z.infer<typeof LevelSchema>;

export const LevelsInputSchema = z
  .object({
    warehouse: WarehouseRefSchema.optional(),
    productIds: z.array(ProductId).max(1000).optional(),
    lowOnly: z.boolean().default(false),
    ...Page,
  })
  .strict();

export const LowStockInputSchema = z.object({ warehouse: WarehouseRefSchema.optional(), ...Page }).strict();

export const LevelPageSchema = z.object({ currency: z.string().nullable(), total: z.number().int(), rows: z.array(LevelSchema) });
export type LevelPage = z.infer<typeof LevelPageSchema>;

export const ReorderRuleInputSchema = z
  .object({
    sku: Sku.optional(),
    productId: ProductId.optional(),
    warehouse: WarehouseRefSchema,
    /** null removes the rule. */
    reorderPoint: QuantityInputSchema.nullable(),
    reorderQuantity: QuantityInputSchema.optional(),
  })
  .strict()
  .superRefine(oneProduct)
  .superRefine((value, ctx) => {
    if (value.reorderPoint !== null && value.reorderQuantity === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reorderQuantity'],
        message: 'Enter how much to reorder when stock reaches the reorder point.',
        params: { key: 'validation.required' },
      });
    }
  });

// ---- valuation and the past --------------------------------------------------------------------

export const ValuationInputSchema = z
  .object({
    /** A day (its end, UTC) or an instant; now if left out. */
    at: InstantInputSchema.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict();

export const ValuationRowSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  unit: z.string(),
  quantityMilli: z.number().int(),
  valueMinor: z.number().int(),
  /** Per whole unit, rounded; null when the quantity is zero. */
  averageCostMinor: z.number().int().nullable(),
});

export const ValuationSchema = z.object({
  at: z.string().nullable(),
  method: z.enum(VALUATION_METHODS),
  currency: z.string().nullable(),
  /** Products with a non-zero quantity or value at that time (what `rows` pages through). */
  total: z.number().int(),
  totalValueMinor: z.number().int(),
  rows: z.array(ValuationRowSchema),
});
export type Valuation = z.infer<typeof ValuationSchema>;

export const OnHandAtInputSchema = z
  .object({
    at: InstantInputSchema,
    warehouse: WarehouseRefSchema.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict();

export const OnHandAtSchema = z.object({
  at: z.string(),
  /** Product × warehouse pairs with a non-zero quantity at that time. */
  total: z.number().int(),
  rows: z.array(
    z.object({
      productId: z.number().int(),
      sku: z.string(),
      unit: z.string(),
      warehouseId: z.number().int(),
      warehouseCode: z.string(),
      onHandMilli: z.number().int(),
    }),
  ),
});

// ---- settings ----------------------------------------------------------------------------------

export const StockSettingsSchema = z.object({
  allowNegativeStock: z.boolean(),
  valuationMethod: z.enum(VALUATION_METHODS),
});
export type StockSettings = z.infer<typeof StockSettingsSchema>;

export const DEFAULT_STOCK_SETTINGS: StockSettings = { allowNegativeStock: false, valuationMethod: 'average' };

// ---- stocktake ---------------------------------------------------------------------------------

export const StocktakeCreateSchema = z.object({ warehouse: WarehouseRefSchema, note: optionalText(500) }).strict();

export const StocktakeIdSchema = z.object({ id: z.number().int().positive() }).strict();

export const StocktakeCountsSchema = z
  .object({
    id: z.number().int().positive(),
    counts: z
      .array(
        z
          .object({ sku: Sku.optional(), productId: ProductId.optional(), counted: QuantityInputSchema.nullable() })
          .strict()
          .superRefine(oneProduct),
      )
      .min(1)
      .max(100_000),
  })
  .strict();

export const StocktakeListInputSchema = z
  .object({ warehouse: WarehouseRefSchema.optional(), status: z.enum(STOCKTAKE_STATUSES).optional() })
  .strict();

export const StocktakeLineSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  unit: z.string(),
  /** What the books said when the count was entered. */
  expectedMilli: z.number().int(),
  countedMilli: z.number().int(),
  /** counted − expected: what posting adjusts by. */
  differenceMilli: z.number().int(),
  /** What the books say now; differs from expected when stock moved since the count. */
  onHandNowMilli: z.number().int(),
  /** Posted: the adjustment's value. Open: the difference at the current average cost. */
  valueImpactMinor: z.number().int(),
});

export const StocktakeSchema = z.object({
  id: z.number().int(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  status: z.enum(STOCKTAKE_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
  currency: z.string().nullable(),
  lines: z.array(StocktakeLineSchema),
  totals: z.object({ lines: z.number().int(), differing: z.number().int(), valueImpactMinor: z.number().int() }),
});
export type Stocktake = z.infer<typeof StocktakeSchema>;

export const StocktakeSummarySchema = StocktakeSchema.omit({ lines: true, currency: true });
