import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvSafe } from '../../../electron/core/contacts/export.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { germanBuyer, issuesOf, moroccanSupplier } from './support.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/contacts/${name}`, import.meta.url));
const file = (name: string, bytes: Uint8Array = fixture(name)) => ({ fileName: name, dataBase64: Buffer.from(bytes).toString('base64') });
const all = async () => Promise.all((await t.client.call('contacts.list', { limit: 500 })).rows.map((r) => t.client.call('contacts.get', { id: r.id })));
const byName = async () => Object.fromEntries((await all()).map((c) => [c.name, c]));

describe('importing contacts', () => {
  it('reads a Google Contacts CSV: company and person, multiple values, labels as tags, country names', async () => {
    const preview = await t.client.call('contacts.import.preview', file('google-contacts.csv'));
    expect(preview).toMatchObject({ fileKind: 'csv', format: 'google', rowCount: 3, invalidCount: 0, duplicateCount: 0 });
    expect(preview.headers[preview.mapping.email1!]).toBe('E-mail 1 - Value');
    const result = await t.client.call('contacts.import.run', file('google-contacts.csv'));
    expect(result).toMatchObject({ created: 5, organisationsCreated: 2, peopleCreated: 3 });
    const c = await byName();
    expect(c['Weberei Hansen GmbH']).toMatchObject({ kind: 'organisation', website: 'https://hansen-weberei.de', tags: ['Buyers'], source: 'import' });
    expect(c['Weberei Hansen GmbH']!.addresses[0]).toMatchObject({ line1: 'Speicherstadt 12', postalCode: '20457', city: 'Hamburg', country: 'DE' });
    expect(c['Anke Hansen']).toMatchObject({
      kind: 'person',
      organisationName: 'Weberei Hansen GmbH',
      jobTitle: 'Einkauf',
      emails: [{ address: 'anke@hansen-weberei.de', label: null }],
      phones: [{ number: '+49401234567', label: null }, { number: '+491712345678', label: null }],
    });
    expect(c['تعاونية الأطلس للزرابي']!.addresses[0]).toMatchObject({ city: 'فاس', country: 'MA' });
    expect(c['Youssef El Amrani']!.phones[0]!.number).toBe('+212661234567');
    expect(c['Li Wei']).toMatchObject({ kind: 'person', organisationId: null, country: 'CN', emails: [{ address: 'li.wei@example.cn' }, { address: 'wei.li@example.com' }].map((e) => ({ ...e, label: null })) });
    const timeline = await t.client.call('contacts.timeline', { id: c['Li Wei']!.id });
    expect(timeline.entries[0]).toMatchObject({ kind: 'imported', details: { file: 'google-contacts.csv' } });
  });

  it('reads an Outlook CSV in Windows-1252 with a company-only row', async () => {
    const preview = await t.client.call('contacts.import.preview', file('outlook-contacts.csv'));
    expect(preview).toMatchObject({ format: 'outlook', rowCount: 2, invalidCount: 0 });
    await t.client.call('contacts.import.run', file('outlook-contacts.csv'));
    const c = await byName();
    expect(c['Jean Dupont']).toMatchObject({ organisationName: 'Les Tissages de Lyon SAS', jobTitle: 'Acheteur', phones: [{ number: '+33478123456', label: null }] });
    expect(c['Les Tissages de Lyon SAS']!.addresses[0]).toMatchObject({ line1: '12 rue de la République', country: 'FR', postalCode: '69002' });
    expect(c['Müller Textil GmbH']).toMatchObject({ kind: 'organisation', website: 'https://www.mueller-textil.de', phones: [{ number: '+497111234567', label: null }] });
    expect(c['Müller Textil GmbH']!.addresses[0]).toMatchObject({ line1: 'Königstraße 5', country: 'DE' });
  });

  it('reads vCard 3.0 (folded lines, escapes, work address first) and 4.0 (KIND:org, tel: URIs, Arabic)', async () => {
    const v3 = await t.client.call('contacts.import.run', file('contacts-3.0.vcf'));
    expect(v3).toMatchObject({ created: 3, organisationsCreated: 2, peopleCreated: 1 });
    const v4 = await t.client.call('contacts.import.run', file('contacts-4.0.vcf'));
    expect(v4).toMatchObject({ created: 2 });
    const c = await byName();
    expect(c['Anke Hansen']).toMatchObject({ jobTitle: 'Einkäuferin', organisationName: 'Weberei Hansen GmbH, Einkauf', phones: [{ number: '+49401234567', label: null }] });
    expect(c['Weberei Hansen GmbH, Einkauf']!.notes).toBe('Met at Heimtextil, hall 3.\nPrefers email and speaks English and German.');
    expect(c['Weberei Hansen GmbH, Einkauf']!.tags).toEqual(['Buyers', 'Textiles']);
    expect(c['Atlas Tapis SARL']).toMatchObject({ kind: 'organisation', phones: [{ number: '+212661234569', label: null }] });
    expect(c['Atlas Tapis SARL']!.addresses[0]).toMatchObject({ city: 'Fès', country: 'MA' });
    expect(c['Guangzhou Lucky Trading Co., Ltd.']).toMatchObject({ kind: 'organisation', phones: [{ number: '+862088886666', label: null }] });
    expect(c['Guangzhou Lucky Trading Co., Ltd.']!.addresses[0]).toMatchObject({ line1: '88 Tianhe Road', region: 'Guangdong', country: 'CN' });
    expect(c['فاطمة الزهراء']).toMatchObject({ kind: 'person', country: 'MA', emails: [{ address: 'fatima@example.ma', label: null }] });
  });

  it('reads a French semicolon CSV: headers in French, VAT without prefix, a row without street keeps its country', async () => {
    const preview = await t.client.call('contacts.import.preview', file('french-semicolon.csv'));
    expect(preview.invalidCount).toBe(0);
    await t.client.call('contacts.import.run', file('french-semicolon.csv'));
    const c = await byName();
    expect(c['Tissages du Rhône SARL']).toMatchObject({ taxIds: [{ scheme: 'EU_VAT', value: 'FR40303265045' }], tags: ['salon', 'textile'] });
    expect(c['Zarbia Import']).toMatchObject({ country: 'MA', addresses: [], taxIds: [{ scheme: 'MA_ICE', value: '001561191000066' }], phones: [{ number: '+212522123457', label: null }] });
  });

  it('reads an XLSX with a mapping chosen by the person', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Buyers');
    sheet.addRow(['Firma', 'Kontakt-Mail', 'Land', 'Notiz']);
    sheet.addRow(['Teppichhaus Berger KG', 'info@berger.de', 'DE', 'Zahlt per Vorkasse']);
    sheet.addRow(['', '', '', '']);
    sheet.addRow(['Dar Zitoun', 'zitoun@example.ma', 'MA', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await t.client.call('contacts.import.preview', file('buyers.xlsx', bytes));
    expect(preview.mapping.name).toBe(0);
    expect(preview.mapping.email1).toBeUndefined(); // "Kontakt-Mail" is not a known header
    const result = await t.client.call('contacts.import.run', { ...file('buyers.xlsx', bytes), mapping: { name: 0, email1: 1, country: 2, notes: 3 } });
    expect(result.created).toBe(2);
    expect((await byName())['Teppichhaus Berger KG']).toMatchObject({ kind: 'organisation', country: 'DE', emails: [{ address: 'info@berger.de', label: null }], notes: 'Zahlt per Vorkasse' });
  });

  it('refuses a file with bad rows, naming each row and column, and writes nothing', async () => {
    const issues = issuesOf(await t.client.tryCall('contacts.import.run', file('bad-contacts.csv')));
    expect(issues.map((i) => [i.path, i.key, i.params?.column])).toEqual([
      ['rows.3.email1', 'validation.email.domain', 'Email'],
      ['rows.4.vatId', 'validation.vatId.checksum', 'VAT ID'],
      ['rows.5.country', 'contacts.import.country', 'Country'],
    ]);
    expect(issues[0]!.message).toMatch(/^Row 3, Email: /);
    expect((await t.client.call('contacts.list', {})).total).toBe(0);
  });

  it('imports the good rows only when asked to skip bad ones, and reports the rest', async () => {
    const result = await t.client.call('contacts.import.run', { ...file('bad-contacts.csv'), invalidRows: 'skip' });
    expect(result.created).toBe(1);
    expect(result.skippedInvalid.map((r) => r.row)).toEqual([3, 4, 5]);
  });

  it('skips rows whose tax ID, email or phone is already known, in the database or earlier in the file', async () => {
    await t.client.call('contacts.create', germanBuyer({ emails: [{ address: 'anke@hansen-weberei.de' }], phones: [] }));
    const preview = await t.client.call('contacts.import.preview', file('contacts-3.0.vcf'));
    expect(preview.duplicates).toEqual([expect.objectContaining({ row: 1, name: 'Weberei Hansen GmbH', reason: 'email' })]);
    const result = await t.client.call('contacts.import.run', file('contacts-3.0.vcf'));
    expect(result.created).toBe(1);
    expect(result.skippedDuplicates).toHaveLength(1);
  });

  it('refuses an unreadable workbook and a CSV without a name column with a clear message', async () => {
    const broken = issuesOf(await t.client.tryCall('contacts.import.preview', file('broken.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))));
    expect(broken).toEqual([expect.objectContaining({ path: 'file', key: 'contacts.import.badXlsx' })]);
    const noName = issuesOf(await t.client.tryCall('contacts.import.preview', file('x.csv', Buffer.from('Foo,Bar\n1,2\n'))));
    expect(noName).toEqual([expect.objectContaining({ key: 'contacts.import.noNameColumn' })]);
  });
});

describe('exporting contacts', () => {
  it('writes XLSX and CSV with the import headers, and both import back to the same contacts', async () => {
    await t.client.call('contacts.create', germanBuyer());
    await t.client.call('contacts.create', moroccanSupplier({ notes: '=HYPERLINK("http://evil")' }));
    const xlsx = await t.client.call('contacts.export', { format: 'xlsx' });
    expect(xlsx).toMatchObject({ rows: 2, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const workbook = new ExcelJS.Workbook();
    const bytes = Buffer.from(xlsx.dataBase64, 'base64');
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
    expect(sheet.getRow(2).getCell(1).value).toBe('Weberei Hansen GmbH');
    expect(sheet.getRow(3).getCell(1).value).toBe('تعاونية الأطلس للزرابي');

    const csv = await t.client.call('contacts.export', { format: 'csv', filter: { country: 'MA' } });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf-8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(2);
    expect(parsed[1]![0]).toBe('تعاونية الأطلس للزرابي');
    expect(parsed[1]![parsed[0]!.indexOf('Notes')]).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed[1]![parsed[0]!.indexOf('Phone')]).toBe('+212522123456');

    // Round trip into an empty database.
    const other = await openTestKontor();
    try {
      const result = await other.client.call('contacts.import.run', { fileName: xlsx.fileName, dataBase64: xlsx.dataBase64 });
      expect(result.created).toBe(2);
      const back = await other.client.call('contacts.list', {});
      const hansen = await other.client.call('contacts.get', { id: back.rows.find((r) => r.name === 'Weberei Hansen GmbH')!.id });
      expect(hansen).toMatchObject({ taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }], paymentTerms: { kind: 'net', days: 30 }, language: 'de', currency: 'EUR', role: 'buyer' });
    } finally {
      await other.close();
    }
  });

  it('leaves phone numbers alone but defuses formulas in CSV cells', () => {
    expect(csvSafe('+49 40 1234567')).toBe('+49 40 1234567');
    expect(csvSafe('-5')).toBe('-5');
    expect(csvSafe('=1+1')).toBe("'=1+1");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('+cmd|calc')).toBe("'+cmd|calc");
  });
});
