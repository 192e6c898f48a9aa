import { describe, expect, it } from 'vitest';
import { CHART_PRESETS, CHART_IDS } from '../../../shared/ledger/charts.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { toBase } from '../../../electron/core/ledger/postings/fx.ts';
import { creditNotePosting, invoiceIssuedPosting, receivableBaseOf, type InvoicePostingInput } from '../../../electron/core/ledger/postings/invoice.ts';
import { manualPosting } from '../../../electron/core/ledger/postings/manual.ts';
import { allocationPosting, paymentPosting, receivableShare } from '../../../electron/core/ledger/postings/payment.ts';
import { reversalPosting } from '../../../electron/core/ledger/postings/reversal.ts';
import { stockMovementPosting } from '../../../electron/core/ledger/postings/stock.ts';
import { totals, type EntryDraft } from '../../../electron/core/ledger/postings/types.ts';

const skr03 = CHART_PRESETS.SKR03.mapping;

function expectBalanced(draft: EntryDraft | null): EntryDraft {
  expect(draft).not.toBeNull();
  const t = totals(draft!.lines);
  expect(t.debitMinor).toBe(t.creditMinor);
  expect(t.debitMinor).toBeGreaterThan(0);
  for (const l of draft!.lines) expect((l.debitMinor > 0) !== (l.creditMinor > 0)).toBe(true);
  return draft!;
}

/** Signed (debit positive) amount per account of one entry. */
function byAccount(draft: EntryDraft): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of draft.lines) out[l.account] = (out[l.account] ?? 0) + l.debitMinor - l.creditMinor;
  return out;
}

const domestic: InvoicePostingInput = {
  id: '1',
  number: 'RE-2025-001',
  date: '2025-03-03',
  customer: { code: 'C1', name: 'Kaufhaus Berg' },
  currency: 'EUR',
  baseCurrency: 'EUR',
  rate: '1',
  taxes: [
    { taxCase: 'domestic', rateBp: 1900, netMinor: 100_000, vatMinor: 19_000 },
    { taxCase: 'domestic', rateBp: 700, netMinor: 10_000, vatMinor: 700 },
  ],
};

describe('exchange rates', () => {
  it('converts at the ECB quote with exact rounding (accounting.md: USD 1,000 at 1.10 → EUR 909.09; at 1.05 → 952.38)', () => {
    expect(toBase(100_000, 'USD', 'EUR', '1.10')).toBe(90_909);
    expect(toBase(100_000, 'USD', 'EUR', '1.05')).toBe(95_238);
    expect(toBase(-100_000, 'USD', 'EUR', '1.05')).toBe(-95_238);
    expect(toBase(100_000, 'JPY', 'EUR', '160.5')).toBe(62_305); // ¥100,000 / 160.5 = 623.05
    expect(toBase(12_345, 'EUR', 'EUR', 'ignored')).toBe(12_345);
    expect(() => toBase(100, 'USD', 'EUR', '0')).toThrow(ValidationError);
    expect(() => toBase(100, 'USD', 'EUR', '1,1')).toThrow(ValidationError);
  });
});

describe('postings balance for every event type', () => {
  it('invoice issued: receivable gross against revenue and VAT per rate', () => {
    const draft = expectBalanced(invoiceIssuedPosting(domestic, skr03));
    expect(byAccount(draft)).toEqual({ '1400': 129_700, '8400': -100_000, '1776': -19_000, '8300': -10_000, '1771': -700 });
    expect(draft.journal).toBe('SALES');
    expect(draft.lines.find((l) => l.account === '1776')).toMatchObject({ taxCode: 'domestic:1900', taxRole: 'tax' });
  });

  it('invoice in a foreign currency with several groups balances to the cent in the base currency', () => {
    const input: InvoicePostingInput = {
      ...domestic,
      currency: 'USD',
      rate: '1.0837',
      taxes: [
        { taxCase: 'export', rateBp: 0, netMinor: 33_333, vatMinor: 0 },
        { taxCase: 'export', rateBp: 0, netMinor: 1, vatMinor: 0 },
      ],
    };
    const draft = expectBalanced(invoiceIssuedPosting(input, skr03));
    expect(draft.lines[0]).toMatchObject({ account: '1400', debitMinor: receivableBaseOf(input), foreignMinor: 33_334, foreignCurrency: 'USD' });
  });

  it('credit note mirrors the invoice', () => {
    const draft = expectBalanced(creditNotePosting({ ...domestic, id: '9', number: 'GS-1', creditedInvoiceNumber: 'RE-2025-001' }, skr03));
    expect(byAccount(draft)).toEqual({ '1400': -129_700, '8400': 100_000, '1776': 19_000, '8300': 10_000, '1771': 700 });
    expect(draft.source).toEqual({ kind: 'credit_note', id: '9' });
  });

  const usPayment = {
    id: 'p1',
    reference: 'SWIFT-1',
    date: '2025-04-01',
    customer: { code: null, name: 'Acme Inc.' },
    currency: 'USD',
    baseCurrency: 'EUR',
    via: 'bank' as const,
  };

  it('payment with an exchange gain and bank fees (accounting.md: 909.09 booked, 952.38 received, gain 43.29)', () => {
    const received = toBase(100_000, 'USD', 'EUR', '1.05');
    const draft = expectBalanced(
      paymentPosting(
        {
          ...usPayment,
          ...{ amountMinor: 100_000, amountBaseMinor: received, feesMinor: 1_000, feesBaseMinor: toBase(1_000, 'USD', 'EUR', '1.05') },
          allocations: [{ invoiceNumber: 'RE-3', amountMinor: 100_000, settledBaseMinor: 90_909, receivedBaseMinor: received }],
        },
        skr03,
      ),
    );
    // 1,000 USD at 1.05 = 952.38; fees 10 USD = 9.52; gain = 952.38 − 909.09 = 43.29.
    expect(byAccount(draft)).toEqual({ '1200': 94_286, '4970': 952, '1400': -90_909, '2668': -4_329 });
    expect(draft).toMatchObject({ journal: 'BANK', reference: 'RE-3', source: { kind: 'payment', id: 'p1' } });
  });

  it('payment with an exchange loss, through the till', () => {
    const received = toBase(100_000, 'USD', 'EUR', '1.20');
    const draft = expectBalanced(
      paymentPosting(
        {
          ...usPayment,
          via: 'cash',
          ...{ amountMinor: 100_000, amountBaseMinor: received, feesMinor: 0, feesBaseMinor: 0 },
          allocations: [{ invoiceNumber: 'RE-4', amountMinor: 100_000, settledBaseMinor: 90_909, receivedBaseMinor: received }],
        },
        skr03,
      ),
    );
    expect(byAccount(draft)).toEqual({ '1000': 83_333, '1400': -90_909, '2150': 7_576 });
  });

  it('one payment over two invoices with the rest kept as the customer’s credit', () => {
    const eur = { ...usPayment, currency: 'EUR', reference: null };
    const draft = expectBalanced(
      paymentPosting(
        {
          ...eur,
          ...{ amountMinor: 40_000, amountBaseMinor: 40_000, feesMinor: 1_250, feesBaseMinor: 1_250 },
          allocations: [
            { invoiceNumber: 'RE-1', amountMinor: 6_900, settledBaseMinor: 6_900, receivedBaseMinor: 6_900 },
            { invoiceNumber: 'RE-2', amountMinor: 23_800, settledBaseMinor: 23_800, receivedBaseMinor: 23_800 },
          ],
        },
        skr03,
      ),
    );
    expect(byAccount(draft)).toEqual({ '1200': 38_750, '4970': 1_250, '1400': -40_000 });
    expect(draft.lines.filter((l) => l.account === '1400').map((l) => [l.description, l.creditMinor])).toEqual([
      ['Payment of invoice RE-1', 6_900],
      ['Payment of invoice RE-2', 23_800],
      ['Not allocated: kept as the customer’s credit', 9_300],
    ]);
    expect(draft.reference).toBe('PAY-p1');
  });

  it('credit allocated later posts only its exchange difference', () => {
    const parts = { ...usPayment, id: 'p1:7', paymentReference: 'SWIFT-1' };
    const draft = expectBalanced(allocationPosting({ ...parts, allocations: [{ invoiceNumber: 'RE-9', amountMinor: 50_000, settledBaseMinor: 45_455, receivedBaseMinor: 47_619 }] }, skr03));
    expect(byAccount(draft)).toEqual({ '1400': 2_164, '2668': -2_164 });
    expect(draft.journal).toBe('MISC');
    expect(allocationPosting({ ...parts, currency: 'EUR', allocations: [{ invoiceNumber: 'RE-9', amountMinor: 500, settledBaseMinor: 500, receivedBaseMinor: 500 }] }, skr03)).toBeNull();
  });

  it('a credit note on a foreign-currency invoice takes the receivable off at the invoice’s rate; the rest is an exchange difference', () => {
    // USD 1,000 invoiced at 1.10 (909.09), fully credited when the rate is 1.05 (952.38).
    const draft = expectBalanced(
      creditNotePosting(
        { ...domestic, id: '9', number: 'GS-2', currency: 'USD', rate: '1.05', taxes: [{ taxCase: 'export', rateBp: 0, netMinor: 100_000, vatMinor: 0 }], receivableBaseMinor: 90_909 },
        skr03,
      ),
    );
    expect(byAccount(draft)).toEqual({ '8120': 95_238, '1400': -90_909, '2668': -4_329 });
  });

  it('a payment in the base currency must match the receivable it settles', () => {
    expect(() =>
      paymentPosting(
        {
          ...usPayment,
          currency: 'EUR',
          ...{ amountMinor: 1000, amountBaseMinor: 1000, feesMinor: 0, feesBaseMinor: 0 },
          allocations: [{ invoiceNumber: 'RE-5', amountMinor: 1000, settledBaseMinor: 999, receivedBaseMinor: 1000 }],
        },
        skr03,
      ),
    ).toThrow(ValidationError);
    expect(receivableShare(90_909, 100_000, 50_000)).toBe(45_455);
    expect(receivableShare(90_909, 100_000, 100_000)).toBe(90_909);
  });

  it('stock receipt, shipment, return, adjustments and corrections; transfers post nothing', () => {
    const base = { movementId: 1, occurredAt: '2025-02-01T09:00:00.000Z', sku: 'RUG-1', quantityText: '2 pcs', reference: null, correctsId: null };
    expect(byAccount(expectBalanced(stockMovementPosting({ ...base, kind: 'receipt', valueMinor: 5_000 }, skr03)))).toEqual({ '3980': 5_000, '1600': -5_000 });
    expect(byAccount(expectBalanced(stockMovementPosting({ ...base, kind: 'shipment', valueMinor: -2_000 }, skr03)))).toEqual({ '3980': -2_000, '3200': 2_000 });
    expect(byAccount(expectBalanced(stockMovementPosting({ ...base, kind: 'return', valueMinor: 1_000 }, skr03)))).toEqual({ '3980': 1_000, '3200': -1_000 });
    expect(byAccount(expectBalanced(stockMovementPosting({ ...base, kind: 'adjustment', valueMinor: -300 }, skr03)))).toEqual({ '3980': -300, '3960': 300 });
    expect(byAccount(expectBalanced(stockMovementPosting({ ...base, kind: 'shipment', valueMinor: 2_000, correctsId: 7 }, skr03)))).toEqual({ '3980': 2_000, '3200': -2_000 });
    expect(stockMovementPosting({ ...base, kind: 'transfer_out', valueMinor: -2_000 }, skr03)).toBeNull();
    expect(stockMovementPosting({ ...base, kind: 'receipt', valueMinor: 0 }, skr03)).toBeNull();
    expect(stockMovementPosting({ ...base, kind: 'receipt', valueMinor: 5 }, skr03)!.date).toBe('2025-02-01');
  });

  it('manual entries: balanced, one side per line, refused otherwise with every problem named', () => {
    expectBalanced(
      manualPosting({ date: '2025-01-31', description: 'Opening cash', lines: [{ account: '1000', debitMinor: 5_000, creditMinor: 0 }, { account: '1200', debitMinor: 0, creditMinor: 5_000 }] }),
    );
    try {
      manualPosting({ date: '2025-13', description: ' ', lines: [{ account: '1000', debitMinor: 5, creditMinor: 5 }] });
      expect.fail('refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details?.issues?.map((i) => i.key).sort()).toEqual(['ledger.date.invalid', 'ledger.manual.description', 'ledger.manual.oneSide', 'ledger.manual.twoLines']);
    }
    expect(() =>
      manualPosting({ date: '2025-01-31', description: 'x', lines: [{ account: '1000', debitMinor: 5, creditMinor: 0 }, { account: '1200', debitMinor: 0, creditMinor: 4 }] }),
    ).toThrow(/differ/);
  });

  it('a reversal swaps every side', () => {
    const original = invoiceIssuedPosting(domestic, skr03);
    const reversal = expectBalanced(reversalPosting({ id: 5, journal: 'SALES', number: 1, reference: original.reference, description: original.description, lines: original.lines }, '2025-03-04'));
    const a = byAccount(original);
    expect(byAccount(reversal)).toEqual(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, -v])));
    expect(reversal.reversesId).toBe(5);
  });

  it('tax-free cases refuse VAT, and an unmapped posting kind names the key to set', () => {
    expect(() => invoiceIssuedPosting({ ...domestic, taxes: [{ taxCase: 'intraEu', rateBp: 0, netMinor: 100, vatMinor: 19 }] }, skr03)).toThrow(ValidationError);
    expect(() => invoiceIssuedPosting({ ...domestic, taxes: [{ taxCase: 'domestic', rateBp: 1600, netMinor: 100, vatMinor: 16 }] }, skr03)).toThrow(/revenue\.domestic\.1600/);
  });

  it('every preset maps every fixed posting key and a revenue and VAT account for each of its rates', () => {
    for (const id of CHART_IDS) {
      const preset = CHART_PRESETS[id];
      const codes = new Set(preset.accounts.map((a) => a.code));
      for (const key of ['receivables', 'bank', 'cash', 'fx.gain', 'fx.loss', 'bank.fees', 'inventory', 'cogs', 'stock.receipts', 'stock.adjustments', 'revenue.intraEu', 'revenue.export']) {
        expect(codes.has(preset.mapping[key]!), `${id} ${key}`).toBe(true);
      }
      for (const rate of preset.vatRatesBp) {
        expect(codes.has(preset.mapping[`revenue.domestic.${rate}`]!), `${id} revenue ${rate}`).toBe(true);
        expect(codes.has(preset.mapping[`vat.output.${rate}`]!), `${id} vat ${rate}`).toBe(true);
      }
    }
  });
});
