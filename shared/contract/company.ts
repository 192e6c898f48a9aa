import { z } from 'zod';
import { CompanyProfileInputSchema, CompanyProfileSchema, LogoSchema } from '../company/profile.ts';
import { defineCall } from './define.ts';

const NoInput = z.object({}).strict();

export const companyCalls = {
  'company.get': defineCall({
    input: NoInput,
    output: CompanyProfileSchema.nullable(),
    summary: 'The company profile, or null before the first set-up.',
  }),
  'company.save': defineCall({
    input: CompanyProfileInputSchema,
    output: CompanyProfileSchema,
    summary: 'Replace the company profile as a whole; all or nothing.',
  }),
  'company.getLogo': defineCall({ input: NoInput, output: LogoSchema.nullable(), summary: 'The logo, if any.' }),
  'company.setLogo': defineCall({
    input: LogoSchema,
    output: CompanyProfileSchema,
    summary: 'Store a PNG, JPEG or WebP logo of at most 512 KiB; the bytes must match the type.',
  }),
  'company.removeLogo': defineCall({ input: NoInput, output: CompanyProfileSchema, summary: 'Remove the logo.' }),
};
