import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeText, Replacements } from '../../../electron/core/ledger/exports/encoding.ts';
import { DATEV_COLUMNS } from '../../../electron/core/ledger/exports/datev.ts';
import { FEC_COLUMNS } from '../../../electron/core/ledger/exports/fec.ts';
import { postManualEntry } from '../../../electron/core/ledger/entries.ts';
import { runExport } from '../../../electron/core/ledger/exports/runExport.ts';
import { writeLedgerSettings } from '../../../electron/core/ledger/settings.ts';
import { openLedgerKontor, postWorkedQuarter, type LedgerKontor } from './support.ts';

let t: LedgerKontor;
afterEach(() => t.close());

/** Windows-1252 bytes back to text (only what these files hold). */
function decode1252(bytes: Buffer): string {
  const high: Record<number, string> = { 0x80: '€', 0x84: '„', 0x93: '“', 0x94: '”', 0x96: '–' };
  return [...bytes].map((b) => high[b] ?? String.fromCharCode(b)).join('');
}

/** Splits a DATEV line on ';' outside quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('DATEV EXTF Buchungsstapel', () => {
  beforeEach(async () => {
    t = await openLedgerKontor('SKR03', 'DE', 'EUR');
    postWorkedQuarter(t);
    writeLedgerSettings(t.sqlite, { datev: { consultantNumber: 29098, clientNumber: 55003, taxKeys: {} } });
  });

  it('writes the documented header, column titles and one booking per counter line, CRLF, Windows-1252', async () => {
    const result = await runExport(t.sqlite, { report: 'journal', format: 'datev', from: '2025-01-01', to: '2025-03-31' }, { dataDir: t.dataDir, now: new Date('2024-01-30T14:04:40.439Z') });
    expect(result.path.endsWith('EXTF_Buchungsstapel_2025-01-01_2025-03-31.csv')).toBe(true);
    const bytes = readFileSync(result.path);
    expect(bytes.includes(Buffer.from([0xc3]))).toBe(false); // no UTF-8 sequences: ö is one byte
    const text = decode1252(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    // The header of accounting.md's example, with this company's numbers and period.
    expect(lines[0]).toBe('"EXTF";700;21;"Buchungsstapel";13;20240130140440439;;"RE";"";"";29098;55003;20250101;4;20250101;20250331;"Kontor 20250101-20250331";"KO";1;0;0;"EUR";;"";;;"03";;;"";""');
    expect(fields(lines[0]!)).toHaveLength(31);
    expect(lines[1]).toBe(DATEV_COLUMNS.map((c) => `"${c}"`).join(';'));
    const bookings = lines.slice(2).map(fields);
    for (const b of bookings) {
      expect(b).toHaveLength(DATEV_COLUMNS.length);
      expect(b[0]).toMatch(/^\d+,\d{2}$/);
      expect(b[1]).toMatch(/^(S|H)$/);
      expect(b[9]).toMatch(/^\d{4}$/);
      expect(b[13]!.length).toBeLessThanOrEqual(60);
    }
    const view = bookings.map((b) => [b[0], b[1], b[6], b[7], b[9], b[10]]);
    expect(view).toEqual([
      ['500,00', 'S', '3980', '1600', '0601', 'SM-1'],
      // RE-1: the VAT folded into revenue, gross against the automatic accounts 8400 and 8300.
      ['1190,00', 'S', '1400', '8400', '0701', 'RE-1'],
      ['107,00', 'S', '1400', '8300', '0701', 'RE-1'],
      // Same day, journal order (SALES before STOCK); inventory credited, cost of goods debited.
      ['200,00', 'H', '3980', '3200', '0701', 'SM-2'],
      ['2000,00', 'S', '1400', '8125', '2001', 'RE-2'],
      ['909,09', 'S', '1400', '8120', '0302', 'RE-3'],
      ['119,00', 'H', '1400', '8400', '1002', 'GS-1'],
      // The payment against its bank line: fees and the exchange gain as their own bookings.
      ['9,52', 'H', '1200', '4970', '0303', 'RE-3'],
      ['909,09', 'S', '1200', '1400', '0303', 'RE-3'],
      ['43,29', 'S', '1200', '2668', '0303', 'RE-3'],
      ['1178,00', 'S', '1200', '1400', '1003', 'RE-1'],
    ]);
    expect(result.rows).toBe(11);
    expect(result.warning).toBeNull();
  });

  it('uses the BU key set per tax code, SKR04 in the header, and tells which characters were transliterated', async () => {
    writeLedgerSettings(t.sqlite, { datev: { taxKeys: { 'domestic:1900': '3' } } });
    postManualEntry(t.sqlite, { date: '2025-03-20', description: 'Łódź fair, محمد', lines: [{ account: '4970', debitMinor: 100, creditMinor: 0 }, { account: '1000', debitMinor: 0, creditMinor: 100 }] });
    const result = await runExport(t.sqlite, { report: 'journal', format: 'datev', from: '2025-01-01', to: '2025-03-31' }, { dataDir: t.dataDir });
    const lines = decode1252(readFileSync(result.path)).split('\r\n');
    expect(lines.find((l) => l.includes('"RE-1"') && l.includes(';8400;'))).toContain(';"3";');
    expect(lines.find((l) => l.includes('fair'))).toContain('"Lódz fair, mhmd"');
    expect(result.warning).toMatch(/^6 character\(s\) cannot be written in windows-1252 and were transliterated: "Ł" → "L" \(1×\), "ź" → "z" \(1×\), "م" → "m" \(2×\), "ح" → "h" \(1×\), "د" → "d" \(1×\)\.$/);
  });
});

describe('FEC', () => {
  beforeEach(async () => {
    t = await openLedgerKontor('PCG', 'FR', 'EUR');
    postWorkedQuarter(t, { high: 2000, low: 1000 });
  });

  it('18 columns in the legal order, AAAAMMJJ dates, decimal comma, opening balances first, named SIRENFECyyyymmdd', async () => {
    writeLedgerSettings(t.sqlite, { fec: { siren: '732829320' } });
    const result = await runExport(t.sqlite, { report: 'journal', format: 'fec', from: '2025-02-01', to: '2025-03-31' }, { dataDir: t.dataDir });
    expect(result.path.endsWith('732829320FEC20251231.txt')).toBe(true);
    const text = readFileSync(result.path, 'latin1');
    const rows = text.slice(0, -2).split('\r\n').map((l) => l.split('|'));
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    expect(FEC_COLUMNS).toHaveLength(18);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(18);
      expect(r[3]).toMatch(/^2025\d{4}$/);
      expect(r[9]).toMatch(/^2025\d{4}$/);
      expect(r[11]).toMatch(/^\d+,\d{2}$/);
      expect(r[12]).toMatch(/^\d+,\d{2}$/);
    }
    const opening = rows.slice(1).filter((r) => r[0] === 'AN');
    expect(opening.length).toBeGreaterThan(0);
    expect(rows.slice(1, 1 + opening.length).every((r) => r[0] === 'AN')).toBe(true);
    const cents = (s: string) => Number(s.replace(',', '')) ;
    const sum = (rs: string[][], i: number) => rs.reduce((a, r) => a + cents(r[i]!), 0);
    expect(sum(opening, 11)).toBe(sum(opening, 12));
    expect(sum(rows.slice(1), 11)).toBe(sum(rows.slice(1), 12));
    // RE-3 in USD: the receivable line keeps the document amount and currency.
    const re3 = rows.find((r) => r[0] === 'VE' && r[8] === 'RE-3' && r[4] === '411000')!;
    expect(re3.slice(0, 4)).toEqual(['VE', 'Ventes', re3[2], '20250203']);
    expect(re3.slice(11, 13)).toEqual(['909,09', '0,00']);
    expect(re3.slice(16)).toEqual(['1000,00', 'USD']);
    expect(re3[7]).toBe('Acme Imports Inc.');
    // Chronological: dates never go back after the opening lines.
    const dates = rows.slice(1 + opening.length).map((r) => r[3]!);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('single-byte encodings', () => {
  it('keeps what the charset has, transliterates the rest and counts it', () => {
    const r = new Replacements();
    expect(encodeText('€ Œ ü', 'windows-1252', r)).toEqual(Buffer.from([0x80, 0x20, 0x8c, 0x20, 0xfc]));
    expect(encodeText('€ Œ ü', 'iso-8859-15', r)).toEqual(Buffer.from([0xa4, 0x20, 0xbc, 0x20, 0xfc]));
    expect(r.total).toBe(0);
    expect(encodeText('ş ğ 中', 'windows-1252', r).toString('latin1')).toBe('s g Zhong');
    expect(r.describe('windows-1252')).toBe('3 character(s) cannot be written in windows-1252 and were transliterated: "ş" → "s" (1×), "ğ" → "g" (1×), "中" → "Zhong" (1×).');
  });
});
