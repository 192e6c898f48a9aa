import {
  IconAddressBook,
  IconBuildingStore,
  IconBuildingWarehouse,
  IconFileImport,
  IconFileInvoice,
  IconLayoutDashboard,
  IconPackage,
  IconReportMoney,
  IconSettings,
  type Icon,
} from '@tabler/icons-react';
import { AREA_IDS, type AreaId } from './areaIds.ts';

export { AREA_IDS, type AreaId };

/** Areas that only show the "not built yet" panel for now. */
export type PlannedAreaId = Exclude<AreaId, 'settings'>;

export interface Area {
  id: AreaId;
  icon: Icon;
  /** Alt+<digit> goes here; the digit is the area's position, 1 to 9. */
  digit: number;
}

export const AREAS: readonly Area[] = [
  { id: 'dashboard', icon: IconLayoutDashboard },
  { id: 'products', icon: IconPackage },
  { id: 'stock', icon: IconBuildingWarehouse },
  { id: 'contacts', icon: IconAddressBook },
  { id: 'invoices', icon: IconFileInvoice },
  { id: 'ledger', icon: IconReportMoney },
  { id: 'imports', icon: IconFileImport },
  { id: 'marketplaces', icon: IconBuildingStore },
  { id: 'settings', icon: IconSettings },
].map((a, i) => ({ ...a, id: a.id as AreaId, digit: i + 1 }));

export function isAreaId(value: string): value is AreaId {
  return (AREA_IDS as readonly string[]).includes(value);
}

/** The shortcut as shown to people; the same on every keyboard layout (see useAreaShortcuts). */
export function shortcutLabel(area: Area): string {
  return `Alt+${area.digit}`;
}
