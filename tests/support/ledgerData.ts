import type { Database } from 'better-sqlite3';
import { installChart } from '../../electron/core/ledger/accounts.ts';

/**
 * A journal of `lines` posted lines (two per entry, SKR03 accounts, every day of 2025 in turn),
 * written with SQL through the same open → lines → posted path the triggers check, in one
 * transaction. Party names carry accents and a few non-Latin letters, as real ones do.
 */
export function fillJournal(sqlite: Database, lines: number, onProgress?: (done: number) => void): void {
  installChart(sqlite, 'SKR03');
  const pairs: [string, string, string][] = [
    ['1400', '8400', 'SALES'],
    ['1200', '1400', 'BANK'],
    ['3200', '3980', 'STOCK'],
    ['3980', '1600', 'STOCK'],
    ['4970', '1200', 'BANK'],
  ];
  const parties = ['Kaufhaus Berg', 'Maison Dupont SARL', 'Société Générale d’Import', 'Łódź Handel', 'شركة الأطلس', 'Acme Imports Inc.'];
  const entry = sqlite.prepare(
    "INSERT INTO ledger_entry (journal, entry_date, reference, description, source_kind, created_at) VALUES (?, ?, ?, ?, 'manual', '2026-01-01T00:00:00.000Z')",
  );
  const line = sqlite.prepare('INSERT INTO ledger_line (entry_id, account_code, debit_minor, credit_minor, party_name) VALUES (?, ?, ?, ?, ?)');
  const numbers = new Map<string, number>();
  const post = sqlite.prepare("UPDATE ledger_entry SET status = 'posted', posted_at = '2026-01-01T00:00:00.000Z', number = ? WHERE id = ?");
  const day0 = Date.UTC(2025, 0, 1);
  const entries = Math.ceil(lines / 2);
  sqlite.transaction(() => {
    for (let i = 0; i < entries; i++) {
      const [debit, credit, journal] = pairs[i % pairs.length]!;
      const date = new Date(day0 + Math.floor((i * 365) / entries) * 86_400_000).toISOString().slice(0, 10);
      const party = parties[i % parties.length]!;
      const id = Number(entry.run(journal, date, `RE-${100000 + i}`, `Buchung ${i} für ${party}`, ).lastInsertRowid);
      const amount = 1_000 + ((i * 7919) % 250_000);
      line.run(id, debit, amount, 0, party);
      line.run(id, credit, 0, amount, party);
      const n = (numbers.get(journal) ?? 0) + 1;
      numbers.set(journal, n);
      post.run(n, id);
      if (onProgress && i % 50_000 === 0) onProgress(i * 2);
    }
  })();
}
