import { z } from 'zod';
import {
  AdjustInputSchema,
  CorrectInputSchema,
  LevelPageSchema,
  LevelSchema,
  LevelsInputSchema,
  LocationCodeSchema,
  LocationSchema,
  LowStockInputSchema,
  MovementHistoryInputSchema,
  MovementPageSchema,
  MovementsResultSchema,
  OnHandAtInputSchema,
  OnHandAtSchema,
  ReceiveInputSchema,
  ReorderRuleInputSchema,
  ReturnInputSchema,
  ShipInputSchema,
  StockSettingsSchema,
  StocktakeCountsSchema,
  StocktakeCreateSchema,
  StocktakeIdSchema,
  StocktakeListInputSchema,
  StocktakeSchema,
  StocktakeSummarySchema,
  TransferInputSchema,
  ValuationInputSchema,
  ValuationSchema,
  WarehouseCreateSchema,
  WarehouseRefSchema,
  WarehouseSchema,
  WarehouseUpdateSchema,
} from '../stock/schemas.ts';
import { defineCall } from './define.ts';

const NoInput = z.object({}).strict();

export const stockCalls = {
  'warehouses.list': defineCall({
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(WarehouseSchema),
    summary: 'Warehouses by code: own, 3PL, marketplace fulfilment and consignment stock.',
  }),
  'warehouses.create': defineCall({ input: WarehouseCreateSchema, output: WarehouseSchema, summary: 'Add a warehouse.' }),
  'warehouses.update': defineCall({
    input: WarehouseUpdateSchema,
    output: WarehouseSchema,
    summary: 'Rename, re-code or (de)activate a warehouse; one holding stock cannot be deactivated.',
  }),
  'locations.list': defineCall({
    input: z.object({ warehouse: WarehouseRefSchema }).strict(),
    output: z.array(LocationSchema),
    summary: 'Bin or shelf locations of one warehouse.',
  }),
  'locations.create': defineCall({
    input: z.object({ warehouse: WarehouseRefSchema, code: LocationCodeSchema }).strict(),
    output: LocationSchema,
    summary: 'Add a location to a warehouse.',
  }),

  'stock.receive': defineCall({
    input: ReceiveInputSchema,
    output: MovementsResultSchema,
    summary: 'Goods in from a supplier at a unit cost in the base currency.',
  }),
  'stock.ship': defineCall({
    input: ShipInputSchema,
    output: MovementsResultSchema,
    summary: 'Goods out (quantity given positive); the cost of goods is stored on the movement.',
  }),
  'stock.adjust': defineCall({
    input: AdjustInputSchema,
    output: MovementsResultSchema,
    summary: 'A signed correction of the quantity on hand, with a reason (breakage, found, sample).',
  }),
  'stock.transfer': defineCall({
    input: TransferInputSchema,
    output: MovementsResultSchema,
    summary: 'Move stock between warehouses: two movements sharing a transfer id, value unchanged.',
  }),
  'stock.return': defineCall({
    input: ReturnInputSchema,
    output: MovementsResultSchema,
    summary: "Goods back from a buyer, at the cost of the shipment they came from (or the average cost).",
  }),
  'stock.correct': defineCall({
    input: CorrectInputSchema,
    output: MovementsResultSchema,
    summary: 'Reverse a movement with a new one (both halves for a transfer); movements are never edited.',
  }),
  'stock.levels': defineCall({
    input: LevelsInputSchema,
    output: LevelPageSchema,
    summary: 'On hand, reserved, available, reorder rule and value per product and warehouse.',
  }),
  'stock.movements': defineCall({
    input: MovementHistoryInputSchema,
    output: MovementPageSchema,
    summary: "One product's movement history, newest first.",
  }),
  'stock.valuation': defineCall({
    input: ValuationInputSchema,
    output: ValuationSchema,
    summary: 'Quantity, value and average cost per product and the total, now or at a past date.',
  }),
  'stock.onHandAt': defineCall({
    input: OnHandAtInputSchema,
    output: OnHandAtSchema,
    summary: 'On hand per product and warehouse at a past date.',
  }),
  'stock.setReorderRule': defineCall({
    input: ReorderRuleInputSchema,
    output: LevelSchema,
    summary: 'Set (or with reorderPoint null remove) the reorder point and quantity of a product in a warehouse.',
  }),
  'stock.lowStock': defineCall({
    input: LowStockInputSchema,
    output: LevelPageSchema,
    summary: 'Products at or below their reorder point, with the quantity to reorder.',
  }),
  'stock.settings.get': defineCall({ input: NoInput, output: StockSettingsSchema, summary: 'Negative stock and valuation method.' }),
  'stock.settings.set': defineCall({
    input: StockSettingsSchema.partial().strict(),
    output: StockSettingsSchema,
    summary: 'Change the stock settings; the valuation method is fixed once stock has moved.',
  }),

  'stocktake.create': defineCall({
    input: StocktakeCreateSchema,
    output: StocktakeSchema,
    summary: 'Open a stock count for one warehouse (one open count per warehouse).',
  }),
  'stocktake.list': defineCall({
    input: StocktakeListInputSchema,
    output: z.array(StocktakeSummarySchema),
    summary: 'Stock counts, newest first.',
  }),
  'stocktake.setCounts': defineCall({
    input: StocktakeCountsSchema,
    output: StocktakeSchema,
    summary: 'Enter or import counted quantities (null removes a line); the books are noted for review.',
  }),
  'stocktake.get': defineCall({
    input: StocktakeIdSchema,
    output: StocktakeSchema,
    summary: 'A count with expected, counted, difference and value impact per line.',
  }),
  'stocktake.post': defineCall({
    input: StocktakeIdSchema,
    output: StocktakeSchema,
    summary: 'Post every difference as an adjustment in one transaction: all or nothing.',
  }),
  'stocktake.cancel': defineCall({ input: StocktakeIdSchema, output: StocktakeSchema, summary: 'Drop an open count.' }),
};
