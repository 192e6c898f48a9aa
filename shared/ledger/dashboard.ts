import { z } from 'zod';
import { DateText } from './schemas.ts';

/** A chart whose data source does not exist yet says so instead of drawing zeros. */
const Waiting = z.object({ available: z.literal(false), waitingFor: z.literal('invoices') });

const MonthValue = z.object({ month: z.string(), valueMinor: z.number().int() });

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
  salesByMonth: Waiting,
  salesByMarketplace: Waiting,
  salesByCountry: Waiting,
  topProductsBySales: Waiting,
  overdueReceivables: Waiting,
});
export type Dashboard = z.infer<typeof DashboardSchema>;
