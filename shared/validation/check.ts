/**
 * The answer of every validator in this folder. `key` is a stable translation key (add keys,
 * never rename them: the locale files and stored issues refer to them); `message` is the English
 * text, written so that a person knows what to fix; `params` fills the placeholders of both.
 */
export type Check =
  | { ok: true; normalized: string }
  | { ok: false; key: string; message: string; params?: Record<string, string | number> };

export function pass(normalized: string): Check {
  return { ok: true, normalized };
}

export function fail(key: string, message: string, params?: Record<string, string | number>): Check {
  return params === undefined ? { ok: false, key, message } : { ok: false, key, message, params };
}

/** Input may come from an IPC call or a form, so anything that is not a string counts as empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
