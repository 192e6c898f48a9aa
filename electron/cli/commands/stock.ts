import type { z } from 'zod';
import { stockCalls } from '../../../shared/contract/stock.ts';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { formatAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import type { Movement, MovementsResult, Valuation } from '../../../shared/stock/schemas.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import { fieldIssuesFromZod } from '../../../shared/fieldIssues.ts';
import { createStockService, type StockService } from '../../core/stock/stockService.ts';
import { UsageError, type CliCommand, type CommandContext, type OptionSpec } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

/**
 * `kontor stock receive|adjust|transfer|valuation`: the same calls the app makes, validated by the
 * same contract schemas, on the database the app uses (SQLite serialises the two writers).
 */

async function withStock<T>(context: CommandContext, work: (stock: StockService) => Promise<T>): Promise<T> {
  const database = await openExistingDatabase(context.databasePath, context.appVersion);
  try {
    if (database.schemaVersion < LATEST_SCHEMA_VERSION) {
      throw new KontorError('CONFLICT', `The database is at schema version ${database.schemaVersion} and has no stock yet; run "kontor migrate" first.`);
    }
    return await work(createStockService(database.db, database.sqlite));
  } finally {
    database.close();
  }
}

/** The contract's own parsing, so the CLI refuses exactly what the app refuses. */
function inputFor<N extends keyof typeof stockCalls>(name: N, raw: unknown): z.output<(typeof stockCalls)[N]['input']> {
  const parsed = stockCalls[name].input.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldIssuesFromZod(parsed.error));
  return parsed.data as z.output<(typeof stockCalls)[N]['input']>;
}

function text(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

const money = (minor: number, currency: string | null): string => (currency === null ? String(minor) : `${formatAmount(minor, currency)} ${currency}`);
const qty = (m: Pick<Movement, 'quantityMilli' | 'unit'>): string => `${formatQuantity(Math.abs(m.quantityMilli))} ${m.unit}`;

function describeMovements(result: MovementsResult): string {
  return result.movements
    .map((m) => {
      const value = money(Math.abs(m.valueMinor), result.currency);
      switch (m.kind) {
        case 'receipt':
          return `Received ${qty(m)} of ${m.sku} into ${m.warehouseCode}, worth ${value} (movement #${m.id}).`;
        case 'adjustment':
          return `Adjusted ${m.sku} in ${m.warehouseCode} by ${m.quantityMilli < 0 ? '-' : '+'}${qty(m)}, ${m.quantityMilli < 0 ? '-' : '+'}${value} (movement #${m.id}).`;
        case 'transfer_out':
          return `Moved ${qty(m)} of ${m.sku} out of ${m.warehouseCode}, worth ${value} (movement #${m.id}, transfer ${m.transferId ?? ''}).`;
        case 'transfer_in':
          return `Moved ${qty(m)} of ${m.sku} into ${m.warehouseCode} (movement #${m.id}).`;
        case 'shipment':
        case 'return':
          return `${m.kind === 'shipment' ? 'Shipped' : 'Took back'} ${qty(m)} of ${m.sku} in ${m.warehouseCode}, worth ${value} (movement #${m.id}).`;
      }
    })
    .join('\n');
}

const WAREHOUSE: OptionSpec = { type: 'string', valueName: '<code>', description: 'The warehouse (default MAIN).' };
const REFERENCE: OptionSpec = { type: 'string', valueName: '<text>', description: 'A delivery note, invoice or order number.' };
const DATE: OptionSpec = {
  type: 'string',
  valueName: '<date>',
  description: 'When it happened: a day (2025-03-31) or a time with its zone; default now.',
};

export const stockReceiveCommand: CliCommand = {
  name: 'stock receive',
  argsUsage: '<sku> <quantity>',
  summary: 'Goods in: a receipt at a cost per unit in the base currency.',
  details: 'Example: kontor stock receive RUG-01 10 --cost 45.00 --supplier "Atelier Fès"',
  args: { min: 2, max: 2 },
  options: {
    cost: { type: 'string', valueName: '<amount>', description: 'Cost per unit in the base currency, e.g. 45.00 or 45,00 (required).' },
    warehouse: WAREHOUSE,
    supplier: { type: 'string', valueName: '<name>', description: 'Who delivered.' },
    reference: REFERENCE,
    date: DATE,
  },
  json: true,
  async run(context) {
    const [sku, quantity] = context.args;
    const cost = text(context, 'cost');
    if (cost === undefined) throw new UsageError('stock receive needs --cost <amount>: the cost per unit in the base currency', stockReceiveCommand);
    const input = inputFor('stock.receive', {
      sku,
      quantity,
      unitCost: cost,
      warehouse: text(context, 'warehouse') ?? 'MAIN',
      supplier: text(context, 'supplier'),
      reference: text(context, 'reference'),
      occurredAt: text(context, 'date'),
    });
    const result = await withStock(context, (stock) => stock.receive(input));
    context.result(describeMovements(result), result);
  },
};

export const stockAdjustCommand: CliCommand = {
  name: 'stock adjust',
  argsUsage: '<sku> <quantity>',
  summary: 'Correct the quantity on hand by a signed quantity, with a reason.',
  details:
    'A negative quantity goes after "--", or it reads as an option:\n' +
    '  kontor stock adjust RUG-01 --reason "water damage" -- -2',
  args: { min: 2, max: 2 },
  options: {
    reason: { type: 'string', valueName: '<text>', description: 'Why (required): breakage, found in stock, sample…' },
    warehouse: WAREHOUSE,
    reference: REFERENCE,
    date: DATE,
  },
  json: true,
  async run(context) {
    const [sku, quantity] = context.args;
    const reason = text(context, 'reason');
    if (reason === undefined) throw new UsageError('stock adjust needs --reason <text>: say why the stock changes', stockAdjustCommand);
    const input = inputFor('stock.adjust', {
      sku,
      quantity,
      reason,
      warehouse: text(context, 'warehouse') ?? 'MAIN',
      reference: text(context, 'reference'),
      occurredAt: text(context, 'date'),
    });
    const result = await withStock(context, (stock) => stock.adjust(input));
    context.result(describeMovements(result), result);
  },
};

export const stockTransferCommand: CliCommand = {
  name: 'stock transfer',
  argsUsage: '<sku> <quantity>',
  summary: 'Move stock from one warehouse to another at its current cost.',
  details: 'Example: kontor stock transfer RUG-01 5 --from MAIN --to FBA-DE',
  args: { min: 2, max: 2 },
  options: {
    from: { type: 'string', valueName: '<code>', description: 'The warehouse the goods leave (required).' },
    to: { type: 'string', valueName: '<code>', description: 'The warehouse they go to (required).' },
    reference: REFERENCE,
    date: DATE,
  },
  json: true,
  async run(context) {
    const [sku, quantity] = context.args;
    const from = text(context, 'from');
    const to = text(context, 'to');
    if (from === undefined || to === undefined) throw new UsageError('stock transfer needs --from <code> and --to <code>', stockTransferCommand);
    const input = inputFor('stock.transfer', { sku, quantity, from, to, reference: text(context, 'reference'), occurredAt: text(context, 'date') });
    const result = await withStock(context, (stock) => stock.transfer(input));
    context.result(describeMovements(result), result);
  },
};

export const stockValuationCommand: CliCommand = {
  name: 'stock valuation',
  summary: 'Stock value per product and in total, now or at the end of a past day.',
  details: '--at takes a day (2025-12-31, its end in UTC) or a time with its zone.',
  args: { min: 0, max: 0 },
  options: {
    at: { type: 'string', valueName: '<date>', description: 'The past day or time to value the stock at (default now).' },
  },
  json: true,
  async run(context) {
    const at = text(context, 'at');
    const valuation = await withStock(context, async (stock) => {
      // Pages of the largest size the contract allows, until every product is in.
      const first = await stock.valuation(inputFor('stock.valuation', { at, limit: 100_000 }));
      const rows = [...first.rows];
      while (rows.length < first.total) {
        const next = await stock.valuation(inputFor('stock.valuation', { at, offset: rows.length, limit: 100_000 }));
        if (next.rows.length === 0) break;
        rows.push(...next.rows);
      }
      return { ...first, rows };
    });
    context.result(describeValuation(valuation), valuation);
  },
};

function describeValuation(v: Valuation): string {
  const when = v.at === null ? 'now' : `at ${v.at}`;
  const method = v.method === 'average' ? 'moving average cost' : 'FIFO';
  if (v.rows.length === 0) return `No stock ${when}.`;
  const header = ['SKU', 'QUANTITY', 'AVERAGE COST', 'VALUE'];
  const body = v.rows.map((r) => [
    r.sku,
    `${formatQuantity(r.quantityMilli)} ${r.unit}`,
    r.averageCostMinor === null ? '' : money(r.averageCostMinor, v.currency),
    money(r.valueMinor, v.currency),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const lines = all.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
  return [...lines, '', `Total ${money(v.totalValueMinor, v.currency)} for ${v.total} product${v.total === 1 ? '' : 's'} ${when} (${method}).`].join('\n');
}

export const STOCK_COMMANDS: readonly CliCommand[] = [stockReceiveCommand, stockAdjustCommand, stockTransferCommand, stockValuationCommand];
