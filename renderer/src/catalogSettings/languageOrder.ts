/** `items` with the one at `index` moved `by` places (clamped to the ends); a new array. */
export function moveItem<T>(items: readonly T[], index: number, by: number): T[] {
  const out = [...items];
  const target = Math.max(0, Math.min(items.length - 1, index + by));
  const [item] = out.splice(index, 1);
  if (item === undefined) return out;
  out.splice(target, 0, item);
  return out;
}
