import type { TFunction } from 'i18next';
import type { ImportIssue } from '../../../shared/imports/result.ts';
import { parseTarget } from '../../../shared/imports/targets.ts';
import type { i18n as I18n } from 'i18next';
import { messageKeyFor } from '../lib/issues.ts';

/** "price:RETAIL:EUR" → "Price RETAIL (EUR)", in the interface language. */
export function targetLabel(t: TFunction, target: string): string {
  const parsed = parseTarget(target);
  if (!parsed) return target;
  switch (parsed.kind) {
    case 'simple':
      return t(`imports.targets.${parsed.field}`);
    case 'text':
      return t(`imports.targets.${parsed.field}`, { language: parsed.language });
    case 'price':
      return t('imports.targets.price', { list: parsed.priceList, currency: parsed.currency ?? t('imports.targets.defaultCurrency') });
    case 'moq':
      return t('imports.targets.moq', { list: parsed.priceList });
    case 'weight':
    case 'length':
      return t(`imports.targets.${parsed.field}`, { unit: parsed.unit });
    case 'attribute':
      return t('imports.targets.attribute', { code: parsed.code });
  }
}

/** One import problem in the interface language; the core's English sentence when the key is unknown here. */
export function issueText(i18n: I18n, issue: Pick<ImportIssue, 'key' | 'message' | 'params'>): string {
  const key = messageKeyFor(i18n, issue.key);
  return key ? i18n.t(key, { ...issue.params, field: '' }) : issue.message;
}

/** A failed job's or call's error: its `imports.file.*` key translated when it has one. */
export function errorText(i18n: I18n, error: { code: string; message: string; details?: Record<string, unknown> | undefined }): string {
  const key = typeof error.details?.key === 'string' ? messageKeyFor(i18n, error.details.key) : null;
  if (key) return i18n.t(key, (error.details?.params as Record<string, unknown> | undefined) ?? {});
  const codeKey = `errors.${error.code}`;
  return i18n.exists(codeKey) ? `${i18n.t(codeKey)} ${error.message}` : error.message;
}

/** Saves bytes the core answered as a file in the browser's downloads. */
export function downloadBase64(fileName: string, mimeType: string, dataBase64: string): void {
  const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function fileToBase64(file: File): Promise<string> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole 20 MB array overflows the argument limit.
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
  return btoa(binary);
}
