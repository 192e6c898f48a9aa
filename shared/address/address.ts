import { z } from 'zod';
import { isCountryCode } from '../reference/countries.ts';
import { optionalText, requiredText } from '../validation/zod.ts';

/*
 * The fields of a postal address, shared by the company profile and contacts (and whatever prints
 * an address: invoices, delivery notes). Each owner adds its own `kind` (registered, billing…).
 * The country schema lives here, not in the company profile, so an address needs nothing else.
 */

export const CountryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: 'Choose a country from the list (ISO 3166 code).', params: { key: 'validation.country' } });

/** Input fields of an address; spread into an owner's object schema. */
export const addressInputFields = {
  line1: requiredText(200),
  line2: optionalText(200),
  postalCode: optionalText(20),
  city: requiredText(100),
  region: optionalText(100),
  country: CountryCodeSchema,
};

/** Stored fields of an address, as the core answers them. */
export const addressOutputFields = {
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
};

export const PostalAddressSchema = z.object(addressOutputFields);
export type PostalAddress = z.infer<typeof PostalAddressSchema>;
