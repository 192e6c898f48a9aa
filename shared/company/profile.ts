import { z } from 'zod';
import { LANGUAGES } from '../contract/app.ts';
import { addressInputFields, addressOutputFields, CountryCodeSchema } from '../address/address.ts';
import { isCurrencyCode } from '../reference/currencies.ts';
import { checkBic, checkIban } from '../validation/iban.ts';
import { checkEmail } from '../validation/email.ts';
import { checkPhone } from '../validation/phone.ts';
import { checkWebsite } from '../validation/website.ts';
import { TAX_ID_SCHEMES, checkTaxId } from '../validation/taxIds.ts';
import { checkedString, optionalText, requiredText } from '../validation/zod.ts';

export { CountryCodeSchema };

export const CurrencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { error: 'Choose a currency from the list (ISO 4217 code).', params: { key: 'validation.currency' } });

export const ADDRESS_KINDS = ['registered', 'postal', 'warehouse'] as const;

export const AddressSchema = z.object({ kind: z.enum(ADDRESS_KINDS), ...addressInputFields });

export const BankAccountSchema = z.object({
  bankName: optionalText(120),
  accountHolder: optionalText(200),
  iban: checkedString(checkIban),
  bic: z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      const result = checkBic(v);
      if (result.ok) return result.normalized;
      ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key, ...result.params } });
      return z.NEVER;
    }),
  currency: CurrencyCodeSchema,
});

export const TaxIdSchema = z
  .object({ scheme: z.enum(TAX_ID_SCHEMES), value: z.string().trim() })
  .transform((taxId, ctx) => {
    const result = checkTaxId(taxId.scheme, taxId.value);
    if (result.ok) return { scheme: taxId.scheme, value: result.normalized };
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: result.message,
      params: { key: result.key, ...result.params },
    });
    return z.NEVER;
  });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const FiscalYearStartSchema = z
  .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .refine((d) => d.day <= (DAYS_IN_MONTH[d.month - 1] ?? 0), {
    error: 'That day does not exist in that month.',
    path: ['day'],
    params: { key: 'validation.fiscalYearStart.day' },
  });

export const CompanyProfileInputSchema = z
  .object({
    legalName: requiredText(200),
    tradeName: optionalText(200),
    country: CountryCodeSchema,
    baseCurrency: CurrencyCodeSchema,
    fiscalYearStart: FiscalYearStartSchema,
    defaultLanguage: z.enum(LANGUAGES),
    email: z
      .string()
      .trim()
      .nullish()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v === '') return null;
        const result = checkEmail(v);
        if (result.ok) return result.normalized;
        ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key } });
        return z.NEVER;
      }),
    phone: optionalText(40),
    website: z
      .string()
      .trim()
      .nullish()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v === '') return null;
        const result = checkWebsite(v);
        if (result.ok) return result.normalized;
        ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key } });
        return z.NEVER;
      }),
    addresses: z.array(AddressSchema).min(1).max(10),
    bankAccounts: z.array(BankAccountSchema).max(10),
    taxIds: z.array(TaxIdSchema).max(20),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const registered = profile.addresses.filter((a) => a.kind === 'registered').length;
    if (registered !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['addresses'],
        message: 'Give exactly one registered (legal) address.',
        params: { key: 'validation.addresses.oneRegistered' },
      });
    }
  })
  .transform((profile, ctx) => {
    if (profile.phone === null) return profile;
    // The company's own country is the natural default for a number typed without +.
    const result = checkPhone(profile.phone, profile.country);
    if (result.ok) return { ...profile, phone: result.normalized };
    ctx.addIssue({ code: 'custom', path: ['phone'], message: result.message, params: { key: result.key } });
    return z.NEVER;
  });

export type CompanyProfileInput = z.input<typeof CompanyProfileInputSchema>;
export type CompanyProfileData = z.output<typeof CompanyProfileInputSchema>;

/** What the core answers: the stored profile, never the raw input. */
export const CompanyProfileSchema = z.object({
  legalName: z.string(),
  tradeName: z.string().nullable(),
  country: z.string(),
  baseCurrency: z.string(),
  fiscalYearStart: z.object({ month: z.number().int(), day: z.number().int() }),
  defaultLanguage: z.enum(LANGUAGES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  addresses: z.array(
    z.object({ kind: z.enum(ADDRESS_KINDS), ...addressOutputFields }),
  ),
  bankAccounts: z.array(
    z.object({
      bankName: z.string().nullable(),
      accountHolder: z.string().nullable(),
      iban: z.string(),
      bic: z.string().nullable(),
      currency: z.string(),
    }),
  ),
  taxIds: z.array(z.object({ scheme: z.enum(TAX_ID_SCHEMES), value: z.string() })),
  hasLogo: z.boolean(),
  updatedAt: z.string(),
});
export type CompanyProfile = z.infer<typeof CompanyProfileSchema>;

export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** 512 KiB is plenty for a letterhead logo and keeps every backup small. */
export const LOGO_MAX_BYTES = 512 * 1024;

export const LogoSchema = z.object({
  mimeType: z.enum(LOGO_MIME_TYPES),
  dataBase64: z
    .string()
    .refine((s) => s.length <= Math.ceil(LOGO_MAX_BYTES / 3) * 4, {
      error: 'The logo is larger than 512 KiB.',
      params: { key: 'validation.logo.tooLarge' },
      abort: true,
    })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'The logo data is not base64.' }),
});
export type Logo = z.infer<typeof LogoSchema>;
