import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { KontorError } from '../../../../shared/errors.ts';
import type { PdfRenderer } from './renderer.ts';

/** Chromium from the system (KONTOR_CHROMIUM or /usr/bin/chromium), driven by playwright-core. */
export function chromiumPath(): string | null {
  const candidates = [process.env.KONTOR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string)) ?? null;
}

/**
 * One headless Chromium, started on the first PDF and kept for the next ones. The page gets the
 * HTML as content with JavaScript disabled and no network: the template is self-contained.
 */
export function createChromiumRenderer(executablePath = chromiumPath()): PdfRenderer {
  let browser: Promise<Browser> | null = null;
  const launch = async (): Promise<Browser> => {
    if (executablePath === null) {
      throw new KontorError('INTERNAL', 'No Chromium was found to print PDFs: install chromium or set KONTOR_CHROMIUM to its path.');
    }
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  };
  return {
    async render(html) {
      browser ??= launch();
      const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b).close();
    },
  };
}
