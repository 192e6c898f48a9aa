import { mulDivRound } from '../../../shared/money.ts';
import { MILLI } from '../../../shared/quantity.ts';

/**
 * The cost arithmetic of stock valuation, on integers only: quantities in milli-units, value in
 * minor units. Company-wide per product, as `stock_valuation` holds it.
 *
 * Invariants the functions keep:
 *  - quantity 0 ⇒ value 0: the last units out take all the remaining value with them, so rounding
 *    never leaves a cent behind (receive 3 for 10.00, ship 1, 1, 1 → 3.33, 3.33, 3.34);
 *  - every movement's value is exactly the change of the product's value, so the valuation is the
 *    sum of the movements and can be rebuilt from them;
 *  - under FIFO, while the quantity is positive, the open layers add up to the valuation.
 *
 * Negative stock (only when the setting allows it) is valued at the cost per unit the product had
 * when it ran out (or its last known cost); stock coming in first fills that hole, and whatever
 * differs between the estimate and the real cost is absorbed then, so the value still ends at 0
 * when the quantity does.
 */
export interface ValuationState {
  quantityMilli: number;
  valueMinor: number;
}

/** A FIFO layer: what is left of one inflow. */
export interface CostLayer {
  id: number;
  remainingQuantityMilli: number;
  remainingValueMinor: number;
}

export interface LayerTake {
  layerId: number;
  quantityMilli: number;
  valueMinor: number;
}

/** The value of `quantityMilli` at `unitCostMinor` per whole unit. */
export function valueOf(unitCostMinor: number, quantityMilli: number): number {
  return mulDivRound(unitCostMinor, quantityMilli, MILLI);
}

/** Cost per whole unit, rounded; null when there is no quantity to divide by. */
export function unitCostOf(valueMinor: number, quantityMilli: number): number | null {
  return quantityMilli === 0 ? null : mulDivRound(valueMinor, MILLI, quantityMilli);
}

/**
 * Value after `inMilli` (> 0) units worth `incomingValueMinor` come in. Answers the new state and,
 * when units remain in stock from this inflow, the FIFO layer they form.
 */
export function applyInflow(
  state: ValuationState,
  inMilli: number,
  incomingValueMinor: number,
): { after: ValuationState; layer: { quantityMilli: number; valueMinor: number } | null } {
  const q = state.quantityMilli;
  const v = state.valueMinor;
  const qAfter = q + inMilli;
  if (q >= 0) {
    return { after: { quantityMilli: qAfter, valueMinor: v + incomingValueMinor }, layer: { quantityMilli: inMilli, valueMinor: incomingValueMinor } };
  }
  // Negative stock: the first units fill the hole; only the surplus stays, at the incoming cost.
  if (qAfter > 0) {
    const surplus = mulDivRound(incomingValueMinor, qAfter, inMilli);
    return { after: { quantityMilli: qAfter, valueMinor: surplus }, layer: { quantityMilli: qAfter, valueMinor: surplus } };
  }
  if (qAfter === 0) return { after: { quantityMilli: 0, valueMinor: 0 }, layer: null };
  return { after: { quantityMilli: qAfter, valueMinor: mulDivRound(v, qAfter, q) }, layer: null };
}

/**
 * Moving average: value after `outMilli` (> 0) units go out. `fallbackUnitCostMinor` prices units
 * that go out of stock that is already at zero (only reachable when negative stock is allowed).
 */
export function applyAverageOutflow(state: ValuationState, outMilli: number, fallbackUnitCostMinor: number): ValuationState {
  const q = state.quantityMilli;
  const v = state.valueMinor;
  const qAfter = q - outMilli;
  if (q > 0) {
    // qAfter === 0 gives exactly 0: mulDivRound(v, q, q) === v.
    if (qAfter >= 0) return { quantityMilli: qAfter, valueMinor: v - mulDivRound(v, outMilli, q) };
    return { quantityMilli: qAfter, valueMinor: -mulDivRound(v, -qAfter, q) };
  }
  if (q < 0) return { quantityMilli: qAfter, valueMinor: mulDivRound(v, qAfter, q) };
  return { quantityMilli: qAfter, valueMinor: -valueOf(fallbackUnitCostMinor, outMilli) };
}

/**
 * FIFO: takes `outMilli` from the layers in the order given (oldest first, or a reversed receipt's
 * own layer first). Answers what each layer gives; a layer given up entirely gives all its value.
 * Takes no more than the layers hold; the caller prices any rest as negative stock.
 */
export function takeFromLayers(layers: readonly CostLayer[], outMilli: number): { takes: LayerTake[]; quantityMilli: number; valueMinor: number } {
  const takes: LayerTake[] = [];
  let need = outMilli;
  let quantity = 0;
  let value = 0;
  for (const layer of layers) {
    if (need <= 0) break;
    if (layer.remainingQuantityMilli <= 0) continue;
    const take = Math.min(need, layer.remainingQuantityMilli);
    const takeValue =
      take === layer.remainingQuantityMilli ? layer.remainingValueMinor : mulDivRound(layer.remainingValueMinor, take, layer.remainingQuantityMilli);
    takes.push({ layerId: layer.id, quantityMilli: take, valueMinor: takeValue });
    need -= take;
    quantity += take;
    value += takeValue;
  }
  return { takes, quantityMilli: quantity, valueMinor: value };
}

/**
 * FIFO outflow: the layers' cost for what they hold, then negative stock priced like the average
 * method would (at what the product was worth per unit when it ran out).
 */
export function applyFifoOutflow(
  state: ValuationState,
  layers: readonly CostLayer[],
  outMilli: number,
  fallbackUnitCostMinor: number,
): { after: ValuationState; takes: LayerTake[] } {
  const q = state.quantityMilli;
  if (q <= 0) return { after: applyAverageOutflow(state, outMilli, fallbackUnitCostMinor), takes: [] };
  const fromLayers = takeFromLayers(layers, Math.min(outMilli, q));
  const qAfter = q - outMilli;
  if (qAfter >= 0) {
    // All layers gone means all value gone, whatever rounding happened inside them.
    const valueAfter = qAfter === 0 ? 0 : state.valueMinor - fromLayers.valueMinor;
    return { after: { quantityMilli: qAfter, valueMinor: valueAfter }, takes: fromLayers.takes };
  }
  return { after: applyAverageOutflow(state, outMilli, fallbackUnitCostMinor), takes: fromLayers.takes };
}
