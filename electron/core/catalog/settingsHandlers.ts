import type { Handlers } from '../dispatcher.ts';
import { createPriceList, updatePriceList } from './priceLists.ts';
import { productThumbnails } from './thumbnails.ts';
import type { Db } from './db.ts';

export function catalogSettingsHandlers({ db }: { db: Db }): Pick<Handlers, 'catalog.priceLists.create' | 'catalog.priceLists.update' | 'products.thumbnails'> {
  return {
    'catalog.priceLists.create': (input) => createPriceList(db, input),
    'catalog.priceLists.update': (input) => updatePriceList(db, input),
    'products.thumbnails': ({ ids }) => productThumbnails(db, ids),
  };
}
