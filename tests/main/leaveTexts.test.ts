import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/dispatcher.ts';
import { languageTracker, leaveTexts } from '../../electron/main/leaveTexts.ts';
import { LANGUAGES } from '../../shared/contract/app.ts';

describe('the leave-without-saving dialog of the desktop window', () => {
  it('follows the interface language as app.setPreferences saves it, and only when it succeeds', async () => {
    let answer: Awaited<ReturnType<Dispatcher['dispatch']>> = { ok: true, value: { language: 'ar', theme: 'light' } };
    const inner: Dispatcher = { dispatch: () => Promise.resolve(answer) };
    const tracker = languageTracker('en');
    const dispatcher = tracker.watch(inner);
    await dispatcher.dispatch('app.getPreferences', {});
    expect(tracker.current()).toBe('en');
    await dispatcher.dispatch('app.setPreferences', { language: 'ar' });
    expect(tracker.current()).toBe('ar');
    answer = { ok: false, error: { code: 'VALIDATION', message: 'no' } };
    await dispatcher.dispatch('app.setPreferences', { language: 'de' });
    expect(tracker.current()).toBe('ar');
    tracker.set('fr');
    expect(tracker.current()).toBe('fr');
  });

  it('has its words in every interface language, each different from English', () => {
    for (const language of LANGUAGES) {
      const text = leaveTexts(language);
      expect(Object.values(text).every((v) => v.trim().length > 0)).toBe(true);
      if (language !== 'en') expect(text.leave).not.toBe(leaveTexts('en').leave);
    }
  });
});
