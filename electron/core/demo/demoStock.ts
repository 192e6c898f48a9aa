import { contract, type CallInput, type CallName } from '../../../shared/contract/index.ts';
import { createStockService } from '../stock/stockService.ts';
import type { DemoStep } from './generator.ts';

/*
 * The demo house keeps stock in Fès (MAIN), at a 3PL in Casablanca that ships to Europe by sea,
 * and in an Amazon fulfilment centre in Germany. Half a year of receipts, shipments and one
 * transfer, in date order (the stock ledger refuses backdating), through the same service and
 * schemas as the screens: the demo can never hold a movement the app would refuse.
 */

const DAY = 24 * 60 * 60 * 1000;

/** Six months before `now`, at 09:00 UTC, plus `days`. */
function dayOf(start: number, days: number): string {
  return new Date(start + days * DAY).toISOString();
}

function input<N extends CallName>(name: N, value: CallInput<N>) {
  // Parsing here turns a typo in the demo into a failed step instead of odd data.
  return contract[name].input.parse(value) as never;
}

export const stockStep: DemoStep = {
  name: 'stock',
  message: 'Receiving stock into the warehouses',
  async run({ db, sqlite }) {
    const stock = createStockService(db, sqlite);
    const start = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 6, 1, 9);

    await stock.createWarehouse(input('warehouses.create', { code: 'CASA', name: 'Casablanca 3PL (Tanger Med export)', kind: '3pl', country: 'MA' }));
    await stock.createWarehouse(input('warehouses.create', { code: 'FBA-DE', name: 'Amazon FBA Leipzig', kind: 'marketplace', country: 'DE' }));

    let movements = 0;
    const receipts: [string, string, string, string][] = [
      ['RUG-BO-200x300', '6', '4200.00', 'Coopérative Aït Bouguemez'],
      ['TAG-FES-30', '120', '95.00', 'Poterie Serghini, Fès'],
      ['BOWL-FES-BLUE', '200', '38.50', 'Poterie Serghini, Fès'],
      ['ARGAN-OIL-100-ML', '480', '32.00', 'Coopérative Tighanimine'],
      ['ARGAN-OIL-250-ML', '240', '71.00', 'Coopérative Tighanimine'],
    ];
    for (const [index, [sku, quantity, unitCost, supplier]] of receipts.entries()) {
      await stock.receive(
        input('stock.receive', { sku, warehouse: 'MAIN', quantity, unitCost, supplier, reference: `BL-${2400 + index}`, occurredAt: dayOf(start, index) }),
      );
      movements++;
    }
    await stock.transfer(
      input('stock.transfer', { sku: 'ARGAN-OIL-100-ML', from: 'MAIN', to: 'FBA-DE', quantity: '120', reference: 'FBA inbound FBA15XK2', occurredAt: dayOf(start, 20) }),
    );
    movements += 2;
    const shipments: [string, string, string, number][] = [
      ['TAG-FES-30', 'MAIN', '40', 35],
      ['RUG-BO-200x300', 'MAIN', '2', 48],
      ['ARGAN-OIL-100-ML', 'FBA-DE', '86', 90],
      ['BOWL-FES-BLUE', 'MAIN', '150', 120],
      ['ARGAN-OIL-250-ML', 'MAIN', '60', 150],
    ];
    for (const [sku, warehouse, quantity, days] of shipments) {
      await stock.ship(input('stock.ship', { sku, warehouse, quantity, reference: `INV-DEMO-${days}`, occurredAt: dayOf(start, days) }));
      movements++;
    }
    await stock.adjust(
      input('stock.adjust', { sku: 'TAG-FES-30', warehouse: 'MAIN', quantity: '-3', reason: 'Broken in the workshop', occurredAt: dayOf(start, 160) }),
    );
    movements++;
    // FBA-DE runs low on purpose: the low-stock view has something to show.
    const rules: [string, string, string, string][] = [
      ['ARGAN-OIL-100-ML', 'FBA-DE', '40', '120'],
      ['ARGAN-OIL-100-ML', 'MAIN', '100', '480'],
      ['BOWL-FES-BLUE', 'MAIN', '60', '200'],
      ['TAG-FES-30', 'MAIN', '20', '60'],
    ];
    for (const [sku, warehouse, reorderPoint, reorderQuantity] of rules) {
      await stock.setReorderRule(input('stock.setReorderRule', { sku, warehouse, reorderPoint, reorderQuantity }));
    }
    return { warehouses: 2, movements, reorderRules: rules.length };
  },
};
