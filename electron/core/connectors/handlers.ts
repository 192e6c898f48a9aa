import type { Handlers } from '../dispatcher.ts';
import type { MarketplaceService } from './service.ts';

type MarketplaceCall = Extract<keyof Handlers, `marketplaces.${string}`>;

/** The marketplace calls of the contract, one line each. */
export function marketplaceHandlers(service: MarketplaceService): Pick<Handlers, MarketplaceCall> {
  return {
    'marketplaces.platforms': () => service.platforms(),
    'marketplaces.accounts.list': () => service.listAccounts(),
    'marketplaces.accounts.create': (input) => service.createAccount(input),
    'marketplaces.accounts.update': (input) => service.updateAccount(input),
    'marketplaces.accounts.delete': async ({ id }) => {
      await service.deleteAccount(id);
      return null;
    },
    'marketplaces.accounts.test': ({ id }) => service.testAccount(id),
    'marketplaces.validate': (input) => service.validate(input),
    'marketplaces.uploads.start': (input) => service.startUpload(input),
    'marketplaces.uploads.list': ({ limit }) => service.listUploads(limit),
    'marketplaces.uploads.get': ({ id }) => service.getUpload(id),
    'marketplaces.uploads.items': (input) => service.uploadItems(input),
    'marketplaces.uploads.export': ({ id }) => service.exportReport(id),
    'marketplaces.uploads.pause': ({ id }) => service.pause(id),
    'marketplaces.uploads.resume': ({ id }) => service.resume(id),
    'marketplaces.uploads.cancel': ({ id }) => service.cancel(id),
    'marketplaces.uploads.retryFailed': ({ id }) => service.retryFailed(id),
    'marketplaces.stock.sync': () => service.syncStockNow(),
    'marketplaces.prices.sync': (input) => service.syncPrices(input),
    'marketplaces.listings.remove': (input) => service.removeListings(input),
    'marketplaces.listings.grid': (input) => service.listingGrid(input),
    'marketplaces.overrides.set': (input) => service.setOverride(input),
    'marketplaces.overrides.get': (input) => service.getOverride(input),
    'marketplaces.categories.list': ({ accountId }) => service.categoryMappings(accountId),
    'marketplaces.categories.map': (input) => service.setCategoryMapping(input),
  };
}
