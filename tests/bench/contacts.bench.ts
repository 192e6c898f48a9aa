import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { openKontor, type Kontor } from '../../electron/core/kontor.ts';
import type { ContactList, ContactSearchHit, DuplicateCandidate } from '../../shared/contacts/list.ts';
import { nameKey } from '../../shared/contacts/nameKey.ts';
import { cachedContactsDataset } from './contactsDataset.ts';
import { timeAlternating, type Benchmark, type Figure } from './harness.ts';

/*
 * Contacts on 100,000 generated organisations and people (tests/bench/contactsDataset.ts):
 *
 *  - search: contacts.search (the quick search a buyer picker uses, 20 hits) and contacts.list
 *    with a search (first grid page, 100 rows, with its total), through the dispatcher, for words in
 *    Latin with and without accents, Arabic, prefixes, a city and an email domain. Baseline: the
 *    FTS5 MATCH a developer would write, joined to the contact names, on a bare better-sqlite3
 *    connection to the same file.
 *  - duplicates: contacts.duplicates for a new contact as the form sends it (name with a legal form,
 *    email, phone, VAT ID). Baseline: the same index lookups (email, phone, tax ID, name key) and
 *    the FTS name query as bare statements, without scoring.
 */

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const RUNS = 60;

const SEARCHES: readonly { text: string; match: string }[] = [
  { text: 'hansen', match: '"hansen"*' },
  { text: 'Société Gén', match: '"societe"* AND "gen"*' },
  { text: 'tapis', match: '"tapis"*' },
  { text: 'اطلس', match: '"اطلس"*' },
  { text: 'الزيتون', match: '"الزيتون"*' },
  { text: 'guangzhou lucky', match: '"guangzhou"* AND "lucky"*' },
  { text: 'müller', match: '"muller"*' },
  { text: 'Hamburg', match: '"hamburg"*' },
  { text: 'zellige', match: '"zellige"*' },
  { text: 'wang', match: '"wang"*' },
];

async function call<T>(kontor: Kontor, name: string, input: unknown): Promise<T> {
  const result = await kontor.dispatcher.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

const contacts: Benchmark = {
  title: 'Contacts on 100,000 contacts (contacts.search, contacts.list with search, contacts.duplicates)',
  async run(context) {
    const dataDir = await cachedContactsDataset(context);
    const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
    const bare: Database = new Sqlite(join(dataDir, 'kontor.sqlite'), { readonly: true });
    const figures: Figure[] = [];
    try {
      const total = bare.prepare('SELECT count(*) FROM contact').pluck().get() as number;
      context.log(`contacts: ${total.toLocaleString('en')}`);

      // ---- quick search
      const bareSearch = bare.prepare(
        `SELECT c.id, c.kind, c.name, c.role, c.country FROM
           (SELECT rowid AS id, rank FROM contact_search WHERE contact_search MATCH ? ORDER BY rank LIMIT 80) h
         JOIN contact c ON c.id = h.id ORDER BY h.rank LIMIT 20`,
      );
      for (const s of SEARCHES) {
        const core = await call<ContactSearchHit[]>(kontor, 'contacts.search', { text: s.text, limit: 20 });
        const base = bareSearch.all(s.match) as { id: number }[];
        if (core.length === 0 || core.length !== base.length) throw new Error(`search "${s.text}": core ${core.length} hits, bare ${base.length}`);
      }
      const nextA = cycle(SEARCHES);
      const nextB = cycle(SEARCHES);
      const [quick, quickBare] = await timeAlternating(
        () => call(kontor, 'contacts.search', { text: nextA().text, limit: 20 }),
        () => bareSearch.all(nextB().match),
        RUNS,
      );
      figures.push({ name: 'bare FTS5 MATCH + join, 20 hits', samples: quickBare });
      figures.push({ name: 'contacts.search (20 hits)', samples: quick, baseline: 'bare FTS5 MATCH + join, 20 hits', target: { percentile: 95, ms: 15 } });

      // ---- list page with a search
      const barePage = bare.prepare(
        `SELECT c.id, c.name FROM (SELECT rowid AS id FROM contact_search WHERE contact_search MATCH ?) h
         JOIN contact c ON c.id = h.id ORDER BY c.name COLLATE NOCASE, c.id LIMIT 100`,
      );
      const bareCount = bare.prepare('SELECT count(*) FROM contact_search WHERE contact_search MATCH ?').pluck();
      for (const s of SEARCHES) {
        const page = await call<ContactList>(kontor, 'contacts.list', { search: s.text, sort: { field: 'name' } });
        const count = bareCount.get(s.match) as number;
        if (page.total !== count) throw new Error(`list "${s.text}": core total ${page.total}, bare ${count}`);
      }
      const nextC = cycle(SEARCHES);
      const nextD = cycle(SEARCHES);
      const [list, listBare] = await timeAlternating(
        () => call(kontor, 'contacts.list', { search: nextC().text, sort: { field: 'name' } }),
        () => {
          const s = nextD();
          barePage.all(s.match);
          bareCount.get(s.match);
        },
        RUNS,
      );
      figures.push({ name: 'bare FTS5 page of 100 + count', samples: listBare });
      figures.push({ name: 'contacts.list with search (page of 100 + total)', samples: list, baseline: 'bare FTS5 page of 100 + count', target: { percentile: 95, ms: 15 } });

      // ---- duplicate candidates for a new contact
      const sample = bare
        .prepare(
          `SELECT c.name, e.address, p.number, t.value, t.scheme, c.country FROM contact c
           JOIN contact_email e ON e.contact_id = c.id JOIN contact_phone p ON p.contact_id = c.id JOIN contact_tax_id t ON t.contact_id = c.id
           WHERE c.kind = 'organisation' AND c.id % 997 = 0 LIMIT 20`,
        )
        .all() as { name: string; address: string; number: string; value: string; scheme: string; country: string }[];
      // A new contact as typed: a name spelt another way (case, legal form), a new email, an existing phone or VAT ID.
      const probes = sample.map((s, i) => ({
        name: `${s.name.toUpperCase()} ${i % 2 === 0 ? 'LTD' : 'GmbH'}`,
        emails: [i % 3 === 0 ? s.address : `new${i}@example.org`],
        phones: [s.number],
        taxIds: [{ scheme: s.scheme, value: s.value }],
        country: s.country,
      }));
      const byEmail = bare.prepare('SELECT contact_id FROM contact_email WHERE address_key = ?').pluck();
      const byPhone = bare.prepare('SELECT contact_id FROM contact_phone WHERE number = ?').pluck();
      const byTax = bare.prepare('SELECT contact_id FROM contact_tax_id WHERE value = ? AND scheme = ?').pluck();
      const byKey = bare.prepare('SELECT id FROM contact WHERE name_key = ? LIMIT 100').pluck();
      // What a developer would write first: any word of the name, best matches by bm25.
      const byName = bare.prepare(
        `SELECT c.id, c.name_key FROM (SELECT rowid AS id FROM contact_search WHERE contact_search MATCH ? ORDER BY rank LIMIT 200) h JOIN contact c ON c.id = h.id`,
      );
      const nameMatch = (name: string) =>
        `name : (${nameKey(name)
          .split(' ')
          .filter((t) => t.length >= 2)
          .map((t) => `"${t}"*`)
          .join(' OR ')})`;
      for (const p of probes) {
        const found = await call<DuplicateCandidate[]>(kontor, 'contacts.duplicates', p);
        if (found.length === 0) throw new Error(`duplicates of "${p.name}": none found`);
      }
      const nextE = cycle(probes);
      const nextF = cycle(probes);
      const [dups, dupsBare] = await timeAlternating(
        () => call(kontor, 'contacts.duplicates', nextE()),
        () => {
          const p = nextF();
          byEmail.all(p.emails[0]!.toLowerCase());
          byPhone.all(p.phones[0]);
          byTax.all(p.taxIds[0]!.value, p.taxIds[0]!.scheme);
          byKey.all(nameKey(p.name));
          byName.all(nameMatch(p.name));
        },
        RUNS,
      );
      figures.push({ name: 'bare index lookups + FTS name query', samples: dupsBare });
      figures.push({ name: 'contacts.duplicates for a new contact', samples: dups, baseline: 'bare index lookups + FTS name query', target: { percentile: 95, ms: 50 } });
    } finally {
      bare.close();
      await kontor.close();
    }
    return figures;
  },
};

export default contacts;
