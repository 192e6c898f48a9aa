import { createWriteStream } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { ValidationError } from '../../../../shared/errors.ts';
import type { LedgerSettings } from '../../../../shared/ledger/schemas.ts';
import { iterateJournal, trialBalance, type LedgerLineRow } from '../queries.ts';
import { encodeText, Replacements } from './encoding.ts';

/**
 * Fichier des Écritures Comptables (LPF art. A47 A-1), after ../shared/accounting.md: 18 columns
 * in the legal order, '|' separated, dates AAAAMMJJ, decimal comma, entries in date order, opening
 * balances first (journal AN), numbered per journal. Text is written in ISO 8859-15, which the
 * article names, with other characters transliterated and counted.
 */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

const JOURNALS: Record<string, [string, string]> = {
  SALES: ['VE', 'Ventes'],
  BANK: ['BQ', 'Banque'],
  STOCK: ['ST', 'Stocks'],
  MISC: ['OD', 'Opérations diverses'],
};

export const fecDate = (day: string): string => day.replaceAll('-', '');

/** 1234,56 with a sign only when negative (Montantdevise); Debit and Credit are never negative. */
export function fecAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A field never holds the separator or a line break. */
function field(value: string | null | undefined): string {
  return (value ?? '').replace(/[|\r\n\t]/g, ' ').trim();
}

export function fecFileName(siren: string, fiscalYearEnd: string): string {
  return `${siren}FEC${fecDate(fiscalYearEnd)}.txt`;
}

export function checkFecSettings(settings: LedgerSettings): string {
  if (settings.fec.siren === null) {
    throw new ValidationError([{ path: 'fec.siren', key: 'ledger.fec.siren', message: 'Enter the company SIREN (9 digits) in the ledger settings before an FEC export.' }]);
  }
  return settings.fec.siren;
}

export function fecLine(l: LedgerLineRow): string[] {
  const [code, label] = JOURNALS[l.journal] ?? [l.journal, l.journal];
  const num = `${code}${String(l.number).padStart(6, '0')}`;
  return [
    code,
    label,
    num,
    fecDate(l.date),
    l.account,
    field(l.accountName),
    field(l.partyName ? l.partyCode ?? l.partyName.slice(0, 17) : ''),
    field(l.partyName),
    field(l.reference ?? num),
    fecDate(l.date),
    field(l.lineDescription ?? l.description),
    fecAmount(l.debitMinor),
    fecAmount(l.creditMinor),
    '',
    '',
    fecDate(l.postedAt.slice(0, 10)),
    l.foreignCurrency ? fecAmount(l.foreignMinor ?? 0) : '',
    l.foreignCurrency ?? '',
  ];
}

export interface FecOptions {
  from: string;
  to: string;
  settings: LedgerSettings;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  total?: number;
}

export async function writeFec(sqlite: Database, path: string, o: FecOptions): Promise<{ lines: number; replacements: Replacements }> {
  checkFecSettings(o.settings);
  const replacements = new Replacements();
  const stream = createWriteStream(path);
  const put = async (fields: readonly string[]): Promise<void> => {
    if (!stream.write(encodeText(`${fields.join('|')}\r\n`, 'iso-8859-15', replacements))) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  let lines = 0;
  try {
    await put(FEC_COLUMNS);
    // Opening balances ("à nouveaux") on the first day, one line per account with a balance.
    const openings = trialBalance(sqlite, o.from, o.to).filter((r) => r.openingMinor !== 0);
    for (const r of openings) {
      await put(['AN', 'A nouveaux', 'AN000000', fecDate(o.from), r.account, field(r.name), '', '', 'AN', fecDate(o.from), 'A nouveaux', fecAmount(Math.max(r.openingMinor, 0)), fecAmount(Math.max(-r.openingMinor, 0)), '', '', fecDate(o.from), '', '']);
      lines++;
    }
    for (const l of iterateJournal(sqlite, o.from, o.to)) {
      await put(fecLine(l));
      if (++lines % 5_000 === 0) {
        o.signal?.throwIfAborted();
        o.onProgress?.(lines, o.total ?? lines);
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }
  return { lines, replacements };
}
