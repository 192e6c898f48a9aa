import { z } from 'zod';
import { DateText } from './schemas.ts';

const MonthValue = z.object({ month: z.string(), valueMinor: z.number().int() });

export const OVERDUE_BUCKETS = ['1-30', '31-60', '61-90', '91-120', '120+'] as const;

/** Net sales (without VAT) in the base currency as booked: invoices less credit notes. */
const Net = { netMinor: z.number().int() };

export const DashboardInputSchema = z.object({ from: DateText, to: DateText }).strict();

export const DashboardSchema = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  stock: z.object({
    /** Value of all stock now, at cost. */
    valueMinor: z.number().int(),
    /** Stock value at each month end of the period (the last one: the period's end). */
    valueByMonth: z.array(MonthValue),
    /** Cost of goods shipped per month (shipments net of returns), from the stock ledger. */
    shippedAtCostByMonth: z.array(MonthValue),
    topByValue: z.array(z.object({ sku: z.string(), title: z.string().nullable(), valueMinor: z.number().int(), quantityMilli: z.number().int(), unit: z.string() })),
    lowStock: z.array(z.object({ sku: z.string(), warehouseCode: z.string(), availableMilli: z.number().int(), reorderPointMilli: z.number().int().nullable(), unit: z.string() })),
    lowStockCount: z.number().int(),
  }),
  /** Every month of the period, also those without sales. */
  salesByMonth: z.array(z.object({ month: z.string(), ...Net, documents: z.number().int() })),
  /** null: invoiced in Kontor directly (marketplace orders are not imported as invoices). */
  salesByMarketplace: z.array(z.object({ marketplace: z.string().nullable(), ...Net })),
  /** The buyer's country (ISO 3166 alpha-2), largest first. */
  salesByCountry: z.array(z.object({ country: z.string().nullable(), ...Net })),
  /** Ten largest by net sales; a line without a product counts under its name. */
  topProductsBySales: z.array(z.object({ sku: z.string().nullable(), name: z.string(), ...Net, quantityMilli: z.number().int(), unit: z.string() })),
  /** Invoices past their due date with something open at `at` (the period's end, or today if earlier). */
  overdueReceivables: z.object({
    at: z.string(),
    totalMinor: z.number().int(),
    count: z.number().int(),
    buckets: z.array(z.object({ bucket: z.enum(OVERDUE_BUCKETS), minor: z.number().int(), count: z.number().int() })),
    oldest: z.array(z.object({ customer: z.string(), number: z.string(), dueDate: z.string(), daysLate: z.number().int(), openMinor: z.number().int() })),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
