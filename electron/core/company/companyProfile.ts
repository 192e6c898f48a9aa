import type { Kysely } from 'kysely';
import type { CompanyProfile, CompanyProfileData, Logo } from '../../../shared/company/profile.ts';
import { LOGO_MAX_BYTES } from '../../../shared/company/profile.ts';
import type { Language } from '../../../shared/contract/app.ts';
import type { TaxIdScheme } from '../../../shared/validation/taxIds.ts';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';
import { writeTransaction } from '../db/writeTransaction.ts';

type Db = Kysely<KontorSchema>;

export async function getCompanyProfile(db: Db): Promise<CompanyProfile | null> {
  const company = await db.selectFrom('company').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!company) return null;
  const [addresses, bankAccounts, taxIds, logo] = await Promise.all([
    db.selectFrom('company_address').selectAll().orderBy('position').execute(),
    db.selectFrom('company_bank_account').selectAll().orderBy('position').execute(),
    db.selectFrom('company_tax_id').selectAll().orderBy('position').execute(),
    db.selectFrom('company_logo').select('id').executeTakeFirst(),
  ]);
  return {
    legalName: company.legal_name,
    tradeName: company.trade_name,
    country: company.country,
    baseCurrency: company.base_currency,
    fiscalYearStart: { month: company.fiscal_year_start_month, day: company.fiscal_year_start_day },
    defaultLanguage: company.default_language as Language,
    email: company.email,
    phone: company.phone,
    website: company.website,
    addresses: addresses.map((a) => ({
      kind: a.kind as CompanyProfile['addresses'][number]['kind'],
      line1: a.line1,
      line2: a.line2,
      postalCode: a.postal_code,
      city: a.city,
      region: a.region,
      country: a.country,
    })),
    bankAccounts: bankAccounts.map((b) => ({
      bankName: b.bank_name,
      accountHolder: b.account_holder,
      iban: b.iban,
      bic: b.bic,
      currency: b.currency,
    })),
    taxIds: taxIds.map((t) => ({ scheme: t.scheme as TaxIdScheme, value: t.value })),
    hasLogo: logo !== undefined,
    updatedAt: company.updated_at,
  };
}

/** Replaces the whole profile in one transaction: a failure anywhere leaves the old one intact. */
export async function saveCompanyProfile(db: Db, profile: CompanyProfileData): Promise<CompanyProfile> {
  const now = new Date().toISOString();
  await writeTransaction(db, async (trx) => {
    await refuseBaseCurrencyChangeOnceValued(trx, profile.baseCurrency);
    const row = {
      legal_name: profile.legalName,
      trade_name: profile.tradeName,
      country: profile.country,
      base_currency: profile.baseCurrency,
      fiscal_year_start_month: profile.fiscalYearStart.month,
      fiscal_year_start_day: profile.fiscalYearStart.day,
      default_language: profile.defaultLanguage,
      email: profile.email,
      phone: profile.phone,
      website: profile.website,
      updated_at: now,
    };
    await trx
      .insertInto('company')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('company_address').execute();
    await trx.deleteFrom('company_bank_account').execute();
    await trx.deleteFrom('company_tax_id').execute();
    if (profile.addresses.length > 0) {
      await trx
        .insertInto('company_address')
        .values(
          profile.addresses.map((a, position) => ({
            position,
            kind: a.kind,
            line1: a.line1,
            line2: a.line2,
            postal_code: a.postalCode,
            city: a.city,
            region: a.region,
            country: a.country,
          })),
        )
        .execute();
    }
    if (profile.bankAccounts.length > 0) {
      await trx
        .insertInto('company_bank_account')
        .values(
          profile.bankAccounts.map((b, position) => ({
            position,
            bank_name: b.bankName,
            account_holder: b.accountHolder,
            iban: b.iban,
            bic: b.bic,
            currency: b.currency,
          })),
        )
        .execute();
    }
    if (profile.taxIds.length > 0) {
      await trx
        .insertInto('company_tax_id')
        .values(profile.taxIds.map((t, position) => ({ position, scheme: t.scheme, value: t.value })))
        .execute();
    }
  });
  return requireProfile(await getCompanyProfile(db));
}

/**
 * Stock values (and later the ledger) are kept in the base currency: switching it under them
 * would silently relabel every amount, so it is fixed once the first stock movement exists.
 */
async function refuseBaseCurrencyChangeOnceValued(db: Db, baseCurrency: string): Promise<void> {
  const current = await db.selectFrom('company').select('base_currency').where('id', '=', 1).executeTakeFirst();
  if (!current || current.base_currency === baseCurrency) return;
  const valued = await db.selectFrom('stock_movement').select('id').limit(1).executeTakeFirst();
  if (!valued) return;
  throw new ValidationError([
    {
      path: 'baseCurrency',
      key: 'validation.baseCurrency.locked',
      message: `The base currency stays ${current.base_currency}: stock is already valued in it. Kontor cannot convert recorded values to ${baseCurrency}.`,
      params: { current: current.base_currency, requested: baseCurrency },
    },
  ]);
}

export async function getCompanyLogo(db: Db): Promise<Logo | null> {
  const logo = await db.selectFrom('company_logo').selectAll().executeTakeFirst();
  if (!logo) return null;
  return { mimeType: logo.mime_type as Logo['mimeType'], dataBase64: Buffer.from(logo.data).toString('base64') };
}

export async function setCompanyLogo(db: Db, logo: Logo): Promise<CompanyProfile> {
  const bytes = Buffer.from(logo.dataBase64, 'base64');
  const issue = logoProblem(bytes, logo.mimeType);
  if (issue) throw new ValidationError([{ path: 'dataBase64', ...issue }]);
  requireProfile(await getCompanyProfile(db));
  const now = new Date().toISOString();
  await db
    .insertInto('company_logo')
    .values({ id: 1, mime_type: logo.mimeType, data: bytes, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ mime_type: logo.mimeType, data: bytes, updated_at: now }))
    .execute();
  return requireProfile(await getCompanyProfile(db));
}

export async function removeCompanyLogo(db: Db): Promise<CompanyProfile> {
  await db.deleteFrom('company_logo').execute();
  return requireProfile(await getCompanyProfile(db));
}

function requireProfile(profile: CompanyProfile | null): CompanyProfile {
  if (!profile) throw new KontorError('NOT_FOUND', 'Save the company profile first.');
  return profile;
}

const SIGNATURES: Record<Logo['mimeType'], (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The bytes, not the declared type, decide: a renamed file is refused. */
function logoProblem(bytes: Buffer, mimeType: Logo['mimeType']): { key: string; message: string } | null {
  if (bytes.length === 0) return { key: 'validation.logo.empty', message: 'The logo file is empty.' };
  if (bytes.length > LOGO_MAX_BYTES) return { key: 'validation.logo.tooLarge', message: 'The logo is larger than 512 KiB.' };
  if (!SIGNATURES[mimeType](bytes)) {
    return { key: 'validation.logo.type', message: 'The logo must be a PNG, JPEG or WebP image.' };
  }
  return null;
}
