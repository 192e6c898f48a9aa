/** The props every editor input takes from the editor: its DOM id, label and translated problem. */
export interface FieldProps {
  id: string;
  label: string;
  error: string | undefined;
}

export type Bind = (path: string, label: string) => FieldProps;

/** DOM id of the input for an issue path ("prices.0.tiers.1.amountMinor" → "product-prices-0-tiers-1-amountMinor"). */
export function inputId(path: string): string {
  return `product-${path.replaceAll('.', '-')}`;
}
