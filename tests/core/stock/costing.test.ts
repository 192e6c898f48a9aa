import { describe, expect, it } from 'vitest';
import { applyAverageOutflow, applyFifoOutflow, applyInflow, takeFromLayers, unitCostOf, valueOf } from '../../../electron/core/stock/costing.ts';
import { packState, unpackState } from '../../../electron/core/stock/pastDate.ts';

describe('cost arithmetic', () => {
  it('prices quantities in milli-units exactly and rounds costs per unit half away from zero', () => {
    expect(valueOf(550, 3000)).toBe(1650);
    expect(valueOf(333, 1500)).toBe(500); // 499.5 → 500
    expect(unitCostOf(1000, 3000)).toBe(333);
    expect(unitCostOf(-1000, 3000)).toBe(-333);
    expect(unitCostOf(5, 0)).toBeNull();
  });

  it('lets the last units out take the remaining value, whatever the rounding before', () => {
    let state = { quantityMilli: 7000, valueMinor: 1000 };
    let out = 0;
    for (const q of [1000, 2000, 1000, 3000]) {
      const after = applyAverageOutflow(state, q, 0);
      out += state.valueMinor - after.valueMinor;
      state = after;
    }
    expect(state).toEqual({ quantityMilli: 0, valueMinor: 0 });
    expect(out).toBe(1000);
  });

  it('fills a negative hole first and keeps only the surplus at the incoming cost', () => {
    const negative = applyAverageOutflow({ quantityMilli: 0, valueMinor: 0 }, 3000, 100);
    expect(negative).toEqual({ quantityMilli: -3000, valueMinor: -300 });
    expect(applyAverageOutflow(negative, 1000, 999)).toEqual({ quantityMilli: -4000, valueMinor: -400 }); // same estimate
    expect(applyInflow(negative, 2000, 500)).toEqual({ after: { quantityMilli: -1000, valueMinor: -100 }, layer: null });
    expect(applyInflow(negative, 3000, 450)).toEqual({ after: { quantityMilli: 0, valueMinor: 0 }, layer: null });
    expect(applyInflow(negative, 4000, 480)).toEqual({ after: { quantityMilli: 1000, valueMinor: 120 }, layer: { quantityMilli: 1000, valueMinor: 120 } });
  });

  it('takes FIFO layers oldest first, a whole layer with all its value', () => {
    const layers = [
      { id: 1, remainingQuantityMilli: 3000, remainingValueMinor: 1000 },
      { id: 2, remainingQuantityMilli: 2000, remainingValueMinor: 700 },
    ];
    expect(takeFromLayers(layers, 4000)).toEqual({
      takes: [
        { layerId: 1, quantityMilli: 3000, valueMinor: 1000 },
        { layerId: 2, quantityMilli: 1000, valueMinor: 350 },
      ],
      quantityMilli: 4000,
      valueMinor: 1350,
    });
    const beyond = applyFifoOutflow({ quantityMilli: 5000, valueMinor: 1700 }, layers, 6000, 0);
    expect(beyond.after).toEqual({ quantityMilli: -1000, valueMinor: -340 }); // one short, at 1700/5 per unit
    expect(beyond.takes.map((t) => t.quantityMilli)).toEqual([3000, 2000]);
  });

  it('packs a checkpoint and unpacks the same state, zeros left out', () => {
    const state = {
      levels: new Map([
        [5 * 2 ** 20 + 1, 12_000],
        [2 * 2 ** 20 + 3, -500],
        [9 * 2 ** 20 + 1, 0],
      ]),
      valuation: new Map([
        [5, { quantityMilli: 12_000, valueMinor: 2 ** 40 }],
        [2, { quantityMilli: -500, valueMinor: -75 }],
        [9, { quantityMilli: 0, valueMinor: 0 }],
      ]),
    };
    const back = unpackState(packState(state));
    expect([...back.levels].sort(([a], [b]) => a - b)).toEqual([
      [2 * 2 ** 20 + 3, -500],
      [5 * 2 ** 20 + 1, 12_000],
    ]);
    expect([...back.valuation]).toEqual([
      [2, { quantityMilli: -500, valueMinor: -75 }],
      [5, { quantityMilli: 12_000, valueMinor: 2 ** 40 }],
    ]);
  });
});
