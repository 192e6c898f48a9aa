import { z } from 'zod';
import { PRICE_ROUNDINGS } from '../catalog/pricing.ts';
import {
  AccountInputSchema,
  AccountUpdateSchema,
  AccountViewSchema,
  IssueSchema,
  ITEM_STATUSES,
  ListingCellSchema,
  ListingOverrideSchema,
  PLATFORMS,
  ProductSelectionSchema,
  UploadItemViewSchema,
  UploadViewSchema,
  ValidationRowSchema,
} from '../marketplaces/schemas.ts';
import { defineCall } from './define.ts';

const Id = z.object({ id: z.number().int().positive() }).strict();
const AccountAndSelection = z.object({ accountId: z.number().int().positive(), selection: ProductSelectionSchema }).strict();

export const PlatformInfoSchema = z.object({
  platform: z.enum(PLATFORMS),
  label: z.string(),
  capabilities: z.object({ create: z.boolean(), update: z.boolean(), stockSync: z.boolean(), priceSync: z.boolean(), delete: z.boolean() }),
  batchSize: z.number().int(),
  rateModel: z.record(z.string(), z.unknown()),
  fieldRules: z.record(z.string(), z.unknown()),
});

export const marketplaceCalls = {
  'marketplaces.platforms': defineCall({ input: z.object({}).strict(), output: z.array(PlatformInfoSchema), summary: 'The platforms Kontor lists on, with what each connector can do.' }),
  'marketplaces.accounts.list': defineCall({ input: z.object({}).strict(), output: z.array(AccountViewSchema), summary: 'Marketplace accounts, without their credentials.' }),
  'marketplaces.accounts.create': defineCall({ input: AccountInputSchema, output: AccountViewSchema, summary: 'Add an account; its credentials are sealed and never answered back.' }),
  'marketplaces.accounts.update': defineCall({ input: AccountUpdateSchema, output: AccountViewSchema, summary: 'Change an account; credentials left out stay as stored.' }),
  'marketplaces.accounts.delete': defineCall({ input: Id, output: z.null(), summary: 'Remove an account with its listings record (not the remote listings).' }),
  'marketplaces.accounts.test': defineCall({
    input: Id,
    output: z.object({ ok: z.boolean(), shopName: z.string().nullable(), message: z.string() }),
    summary: 'One authenticated request to the platform: does it accept the credentials?',
  }),
  'marketplaces.validate': defineCall({
    input: AccountAndSelection,
    output: z.object({ total: z.number().int(), invalid: z.number().int(), rows: z.array(ValidationRowSchema) }),
    summary: 'Check the selected products against the account platform’s rules without sending anything.',
  }),
  'marketplaces.uploads.start': defineCall({ input: AccountAndSelection, output: UploadViewSchema, summary: 'Create an upload job for the selection and start it in the background.' }),
  'marketplaces.uploads.list': defineCall({ input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(), output: z.array(UploadViewSchema), summary: 'Recent uploads, newest first.' }),
  'marketplaces.uploads.get': defineCall({ input: Id, output: UploadViewSchema, summary: 'One upload with its item counts.' }),
  'marketplaces.uploads.items': defineCall({
    input: z.object({ id: z.number().int().positive(), status: z.enum(ITEM_STATUSES).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ total: z.number().int(), items: z.array(UploadItemViewSchema) }),
    summary: 'The items of an upload with the platform’s answer for each.',
  }),
  'marketplaces.uploads.export': defineCall({
    input: Id,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    summary: 'The per-item report of an upload as an XLSX file.',
  }),
  'marketplaces.uploads.pause': defineCall({ input: Id, output: UploadViewSchema, summary: 'Stop sending; what is left stays pending for a resume.' }),
  'marketplaces.uploads.resume': defineCall({ input: Id, output: UploadViewSchema, summary: 'Continue a paused or interrupted upload; nothing sent twice creates a duplicate.' }),
  'marketplaces.uploads.cancel': defineCall({ input: Id, output: UploadViewSchema, summary: 'Stop for good; unsent items are marked skipped.' }),
  'marketplaces.uploads.retryFailed': defineCall({ input: Id, output: UploadViewSchema, summary: 'Send the failed items of an upload again.' }),
  'marketplaces.stock.sync': defineCall({
    input: z.object({}).strict(),
    output: z.array(UploadViewSchema),
    summary: 'Push quantities changed since the last sync to every account where the products are listed.',
  }),
  'marketplaces.prices.sync': defineCall({
    input: z.object({ accountId: z.number().int().positive(), productIds: z.array(z.number().int().positive()).min(1).max(100_000).optional() }).strict(),
    output: UploadViewSchema.nullable(),
    summary: 'Send only the prices that changed since they were last sent (all listed products, or those named); null when none did.',
  }),
  'marketplaces.listings.remove': defineCall({
    input: z
      .object({
        accountId: z.number().int().positive(),
        selection: z.union([z.object({ productIds: z.array(z.number().int().positive()).min(1).max(100_000) }).strict(), z.object({ archived: z.literal(true) }).strict()]),
      })
      .strict(),
    output: UploadViewSchema.nullable(),
    summary: 'Delete listings from the platform: the products named, or every listed product archived in Kontor; null when none is listed.',
  }),
  'marketplaces.listings.grid': defineCall({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), filter: z.string().trim().max(100).default('') }).strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(z.object({ productId: z.number().int(), sku: z.string(), title: z.string().nullable(), cells: z.array(ListingCellSchema) })),
    }),
    summary: 'Products × accounts: where each product is listed, and the last error.',
  }),
  'marketplaces.overrides.set': defineCall({
    input: ListingOverrideSchema.extend({ rounding: z.enum(PRICE_ROUNDINGS).nullable().default(null) }).strict(),
    output: ListingOverrideSchema,
    summary: 'Title, description, price rule and stock buffer of one product on one account.',
  }),
  'marketplaces.overrides.get': defineCall({
    input: z.object({ accountId: z.number().int().positive(), productId: z.number().int().positive() }).strict(),
    output: ListingOverrideSchema.nullable(),
    summary: 'The overrides of one product on one account, if any.',
  }),
  'marketplaces.categories.list': defineCall({
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    output: z.array(z.object({ categoryId: z.number().int(), remoteCategory: z.string() })),
    summary: 'Where each Kontor category goes on an account.',
  }),
  'marketplaces.categories.map': defineCall({
    input: z.object({ accountId: z.number().int().positive(), categoryId: z.number().int().positive(), remoteCategory: z.string().trim().min(1).max(200).nullable() }).strict(),
    output: z.array(z.object({ categoryId: z.number().int(), remoteCategory: z.string() })),
    summary: 'Remember where products of a Kontor category go on an account.',
  }),
};

export { IssueSchema };
