import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reindexContacts } from '../../electron/core/contacts/searchIndex.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { createRng, type Rng } from '../../electron/core/demo/random.ts';
import { openKontor } from '../../electron/core/kontor.ts';
import { nameKey } from '../../shared/contacts/nameKey.ts';
import type { BenchContext } from './harness.ts';

/** The contacts benchmark's address book: 100,000 organisations and people in many countries and scripts. */
export const CONTACTS_DATASET = { contacts: 100_000, seed: 7, version: 1 } as const;

const quiet = { info() {}, warn() {}, error() {} };

// Words companies are named with in our users' markets, in Latin and Arabic script.
const WORDS = [
  'Weberei', 'Hansen', 'Textil', 'Handel', 'Import', 'Export', 'Müller', 'Schmidt', 'Teppich', 'Haus', 'Nord', 'Süd', 'Berger', 'Keramik',
  'Société', 'Générale', 'Tapis', 'Tissages', 'Lyon', 'Atlas', 'Maison', 'Déco', 'Artisanat', 'Provence', 'Côte', 'Bijoux', 'Céramique',
  'Dar', 'Zitoun', 'Fès', 'Marrakech', 'Souk', 'Argan', 'Zellige', 'Berbère', 'Riad', 'Kasbah', 'Tanger', 'Agadir', 'Oasis',
  'Guangzhou', 'Shenzhen', 'Lucky', 'Golden', 'Dragon', 'Trading', 'Global', 'Pacific', 'Home', 'Craft', 'Star', 'Ocean', 'Sunrise',
  'Lazada', 'Manila', 'Jakarta', 'Bangkok', 'Saigon', 'Kuala', 'Premium', 'Living', 'Design', 'Studio', 'Brothers', 'Partners',
];
const ARABIC_WORDS = ['تعاونية', 'الأطلس', 'للزرابي', 'الفاسي', 'دار', 'الزيتون', 'مراكش', 'الصناعة', 'التقليدية', 'النسيج', 'الحرفي', 'السوق', 'الرباط', 'أركان', 'الجنوب', 'الشمال'];
const LEGAL = ['GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'SARL', 'SAS', 'SA', 'S.à r.l.', 'EURL', 'Ltd', 'LLC', 'Inc.', 'Co., Ltd.', 'BV', 'S.p.A.', ''];
const FIRST = ['Anke', 'Jean', 'Marie', 'Youssef', 'Fatima', 'Li', 'Wei', 'Mehmet', 'Sofia', 'Lukas', 'Amina', 'Karim', 'Chen', 'Nguyen', 'Sara', 'Omar', 'Élodie', 'Jürgen'];
const LAST = ['Hansen', 'Dupont', 'El Amrani', 'Benali', 'Wang', 'Zhang', 'Yılmaz', 'García', 'Rossi', 'Schneider', 'Martin', 'Bouzid', 'Tran', 'Kowalski', 'Lefèvre'];
const ARABIC_PERSONS = ['فاطمة الزهراء', 'يوسف العمراني', 'أمينة بنعلي', 'كريم الإدريسي', 'سارة الفاسي', 'عمر التازي'];
const PLACES: readonly { country: string; cities: string[] }[] = [
  { country: 'DE', cities: ['Hamburg', 'Berlin', 'München', 'Köln', 'Stuttgart'] },
  { country: 'FR', cities: ['Lyon', 'Paris', 'Marseille', 'Lille', 'Nantes'] },
  { country: 'MA', cities: ['فاس', 'Casablanca', 'Marrakech', 'الرباط', 'Agadir', 'Tanger'] },
  { country: 'CN', cities: ['Guangzhou', 'Shenzhen', 'Yiwu', 'Ningbo'] },
  { country: 'US', cities: ['New York', 'Chicago', 'Houston'] },
  { country: 'GB', cities: ['London', 'Manchester', 'Leeds'] },
  { country: 'AE', cities: ['Dubai', 'Abu Dhabi', 'الشارقة'] },
  { country: 'PH', cities: ['Manila', 'Cebu'] },
  { country: 'ES', cities: ['Madrid', 'Barcelona', 'Sevilla'] },
  { country: 'IT', cities: ['Milano', 'Roma', 'Napoli'] },
];
const PHONE_PREFIX: Record<string, string> = { DE: '+4930', FR: '+331', MA: '+212522', CN: '+86138', US: '+1212', GB: '+4420', AE: '+9714', PH: '+632', ES: '+3491', IT: '+3902' };
const PHONE_DIGITS: Record<string, number> = { DE: 7, FR: 8, MA: 6, CN: 8, US: 7, GB: 8, AE: 7, PH: 8, ES: 7, IT: 8 };

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function slug(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'contact';
}

/** The generated database's data directory, made once and kept in .bench/cache. */
export async function cachedContactsDataset({ cacheDir, log }: BenchContext): Promise<string> {
  const d = CONTACTS_DATASET;
  const dataDir = join(cacheDir, `contacts-${d.contacts}-s${d.seed}-v${LATEST_SCHEMA_VERSION}-d${d.version}`);
  const ready = join(dataDir, 'READY');
  if (existsSync(ready)) return dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`generating ${d.contacts.toLocaleString('en')} contacts (kept in .bench/cache)…`);
  const started = performance.now();
  const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
  try {
    const sqlite = kontor.database.sqlite;
    const rng = createRng(d.seed);
    const now = new Date('2026-01-01T00:00:00.000Z').toISOString();
    const insertContact = sqlite.prepare(
      `INSERT INTO contact (kind, name, name_key, organisation_id, role, payment_terms_kind, payment_terms_days, country, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'net', 30, ?, ?, ?)`,
    );
    const insertAddress = sqlite.prepare(
      `INSERT INTO contact_address (contact_id, position, kind, line1, postal_code, city, country) VALUES (?, 0, 'billing', ?, ?, ?, ?)`,
    );
    const insertEmail = sqlite.prepare(`INSERT OR IGNORE INTO contact_email (contact_id, position, address, address_key) VALUES (?, 0, ?, ?)`);
    const insertPhone = sqlite.prepare(`INSERT OR IGNORE INTO contact_phone (contact_id, position, number) VALUES (?, 0, ?)`);
    const insertTax = sqlite.prepare(`INSERT OR IGNORE INTO contact_tax_id (contact_id, position, scheme, value) VALUES (?, 0, ?, ?)`);
    const insertTag = sqlite.prepare(`INSERT OR IGNORE INTO contact_tag (contact_id, tag) VALUES (?, ?)`);
    const organisations: number[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < d.contacts; i++) {
        const place = rng.pick(PLACES);
        const person = organisations.length > 100 && rng.chance(0.3);
        let name: string;
        if (person) name = rng.chance(0.15) ? rng.pick(ARABIC_PERSONS) : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
        else if (place.country === 'MA' && rng.chance(0.4)) name = `${rng.pick(ARABIC_WORDS)} ${rng.pick(ARABIC_WORDS)} ${rng.pick(ARABIC_WORDS)}`;
        else name = `${rng.pick(WORDS)} ${rng.pick(WORDS)}${rng.chance(0.5) ? ` ${rng.pick(WORDS)}` : ''} ${rng.pick(LEGAL)}`.trim();
        const id = Number(
          insertContact.run(person ? 'person' : 'organisation', name, nameKey(name), person ? rng.pick(organisations) : null, rng.weighted([['buyer', 6], ['supplier', 2], ['both', 1]] as const), place.country, now, now).lastInsertRowid,
        );
        if (!person) organisations.push(id);
        const city = rng.pick(place.cities);
        if (!person || rng.chance(0.2)) insertAddress.run(id, `${rng.int(1, 200)} ${rng.pick(WORDS)}strasse`, digits(rng, 5), city, place.country);
        const email = `${slug(name).slice(0, 20)}.${i}@${slug(rng.pick(WORDS))}.example`;
        insertEmail.run(id, email, email);
        if (rng.chance(0.8)) insertPhone.run(id, `${PHONE_PREFIX[place.country]}${digits(rng, PHONE_DIGITS[place.country] ?? 7)}`);
        if (!person && rng.chance(0.6)) {
          const scheme = place.country === 'MA' ? 'MA_ICE' : ['DE', 'FR', 'ES', 'IT'].includes(place.country) ? 'EU_VAT' : 'OTHER';
          insertTax.run(id, scheme, scheme === 'MA_ICE' ? `00${digits(rng, 13)}` : scheme === 'EU_VAT' ? `${place.country}${digits(rng, 9)}` : digits(rng, 10));
        }
        if (rng.chance(0.3)) insertTag.run(id, rng.pick(['Messe', 'VIP', 'Alibaba', 'wholesale', 'retail', 'samples', 'زبون مهم']));
      }
    })();
    log(`  rows written in ${((performance.now() - started) / 1000).toFixed(1)} s; indexing…`);
    // The search rows are built by the core's own indexer, so the benchmark searches what the app writes.
    for (let from = 1; from <= d.contacts; from += 5000) {
      const ids = Array.from({ length: Math.min(5000, d.contacts - from + 1) }, (_, k) => from + k);
      await reindexContacts(kontor.database.db, ids);
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.exec('ANALYZE');
  } finally {
    await kontor.close();
  }
  writeFileSync(ready, new Date().toISOString());
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s (${(statSync(join(dataDir, 'kontor.sqlite')).size / 2 ** 20).toFixed(0)} MiB)`);
  return dataDir;
}
