import { useEffect, useState } from 'react';
import type { Movement } from '../../../shared/stock/schemas.ts';
import { getClient } from '../lib/api.ts';

/** How many of a product's latest movements the return and correction forms offer. */
export const RECENT_MOVEMENTS = 50;

export interface SkuMovements {
  sku: string;
  movements: Movement[];
  currency: string | null;
  problem: unknown;
}

/**
 * The latest movements of the SKU being typed (newest first), for picking the shipment a return
 * takes back or the movement to correct. Asked again when `version` changes (after a write).
 */
export function useSkuMovements(sku: string, version: number): SkuMovements | null {
  const [state, setState] = useState<SkuMovements | null>(null);
  useEffect(() => {
    const code = sku.trim();
    if (code === '') return;
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('stock.movements', { sku: code, limit: RECENT_MOVEMENTS })
        .then((page) => {
          if (current) setState({ sku: code, movements: page.rows, currency: page.currency, problem: null });
        })
        .catch((problem: unknown) => {
          if (current) setState({ sku: code, movements: [], currency: null, problem });
        });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sku, version]);
  return state !== null && state.sku === sku.trim() ? state : null;
}
