import { useEffect } from 'react';
import { navigate } from '../lib/router.ts';
import { AREAS } from './areas.ts';

/**
 * Alt+1 … Alt+9 open the areas in sidebar order. Matched on `event.code` (the physical key),
 * not `event.key`: on a French AZERTY keyboard the top row types & é " … without Shift, and an
 * Arabic layout may type Arabic-Indic digits, yet the shortcut must be the same key for everyone.
 */
export function useAreaShortcuts(routeFor: (areaId: string) => string): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
      const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
      if (!match) return;
      const area = AREAS[Number(match[1]) - 1];
      if (!area) return;
      event.preventDefault();
      navigate(routeFor(area.id));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [routeFor]);
}
