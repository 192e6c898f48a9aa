import type { PostingKey } from '../../../../shared/ledger/postingKeys.ts';
import { accountFor, assertBalanced, dayOf, signedLine, type AccountMap, type EntryDraft } from './types.ts';

/** A stock movement as the ledger sees it: its kind and the signed change of stock value. */
export interface StockMovementPostingInput {
  movementId: number;
  kind: 'receipt' | 'shipment' | 'adjustment' | 'return' | 'transfer_in' | 'transfer_out';
  /** Signed change of stock value in base minor units (a shipment: minus its cost of goods). */
  valueMinor: number;
  /** UTC ISO instant. */
  occurredAt: string;
  sku: string;
  quantityText: string;
  reference: string | null;
  /** Set on a correction: it keeps the kind of what it reverses, with the opposite sign. */
  correctsId: number | null;
}

/** What the value change is booked against, per movement kind. */
const COUNTER: Record<Exclude<StockMovementPostingInput['kind'], 'transfer_in' | 'transfer_out'>, PostingKey> = {
  receipt: 'stock.receipts',
  shipment: 'cogs',
  return: 'cogs',
  adjustment: 'stock.adjustments',
};

/**
 * Inventory against the movement's counter account: a receipt debits inventory and credits goods
 * received (cleared when the supplier's invoice is booked), a shipment moves its cost of goods from
 * inventory to cost of goods sold, a customer return brings it back, an adjustment goes to stock
 * adjustments. Transfers change no company-wide value and post nothing; nor does a zero value.
 */
export function stockMovementPosting(input: StockMovementPostingInput, accounts: AccountMap): EntryDraft | null {
  if (input.kind === 'transfer_in' || input.kind === 'transfer_out' || input.valueMinor === 0) return null;
  const what = input.correctsId !== null ? `Correction of stock movement #${input.correctsId}` : `Stock ${input.kind}`;
  return assertBalanced({
    journal: 'STOCK',
    date: dayOf(input.occurredAt),
    reference: input.reference ?? `SM-${input.movementId}`,
    description: `${what}: ${input.quantityText} ${input.sku}`,
    source: { kind: 'stock_movement', id: String(input.movementId) },
    lines: [
      ...signedLine(accountFor(accounts, 'inventory'), input.valueMinor),
      ...signedLine(accountFor(accounts, COUNTER[input.kind]), -input.valueMinor),
    ],
  });
}
