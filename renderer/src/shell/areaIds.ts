/** The areas of the app, in sidebar order (Alt+1 … Alt+9). Kept free of React for the unit tests. */
export const AREA_IDS = [
  'dashboard',
  'products',
  'stock',
  'contacts',
  'invoices',
  'ledger',
  'imports',
  'marketplaces',
  'settings',
] as const;
export type AreaId = (typeof AREA_IDS)[number];
