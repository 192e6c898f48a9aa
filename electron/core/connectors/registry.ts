import type { Platform } from '../../../shared/marketplaces/schemas.ts';
import { shopifyConnector } from './shopify/index.ts';
import type { Connector } from './types.ts';
import { wooConnector } from './woocommerce/index.ts';

/** Every platform Kontor lists on. A new platform: one folder beside these and one line here (and its id in PLATFORMS). */
export const CONNECTORS: { [P in Platform]: Connector<unknown, unknown, unknown> } = {
  shopify: shopifyConnector,
  woocommerce: wooConnector,
};

export function connectorFor(platform: string): Connector<unknown, unknown, unknown> {
  const connector = (CONNECTORS as Partial<Record<string, Connector<unknown, unknown, unknown>>>)[platform];
  if (!connector) throw new Error(`There is no connector for the platform ${JSON.stringify(platform)}.`);
  return connector;
}
