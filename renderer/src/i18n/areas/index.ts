import type { AreaMessages } from './defineArea.ts';
import { safetyMessages } from './safety.ts';

/**
 * Every area's message module. Add one line per area; the namespace must not collide with a
 * top-level key of en.ts (checked in renderer/src/i18n/index.ts).
 */
export const AREA_MESSAGES: readonly AreaMessages<string, unknown>[] = [safetyMessages];
