import type { Movement } from '../../../shared/stock/schemas.ts';

/**
 * Which movements the return and correction forms offer, and the correction route. DOM-free, so
 * tests/renderer check it.
 */

/** Why a movement cannot be corrected, or null when it can (the core refuses the same cases). */
export function correctionBlock(m: Pick<Movement, 'correctsId' | 'correctedById'>): 'isCorrection' | 'alreadyCorrected' | null {
  if (m.correctsId !== null) return 'isCorrection';
  if (m.correctedById !== null) return 'alreadyCorrected';
  return null;
}

/** Shipments that can still be taken back: not themselves reversed. */
export function returnableShipments(movements: readonly Movement[]): Movement[] {
  return movements.filter((m) => m.kind === 'shipment' && m.correctedById === null && m.correctsId === null);
}

/**
 * The correction route's argument: "RUG-01" or "RUG-01@123" (SKU, and the movement to preselect).
 * An @ never appears in a SKU (see the SKU hint), so it can part the two.
 */
export function parseCorrectionArg(arg: string): { sku: string; movementId: number | null } {
  const match = /^(.*)@(\d+)$/.exec(arg);
  if (!match) return { sku: arg, movementId: null };
  return { sku: match[1] ?? '', movementId: Number(match[2]) };
}

export function correctionRoute(sku: string, movementId: number): string {
  return `stock/correct/${encodeURIComponent(sku)}@${movementId}`;
}
