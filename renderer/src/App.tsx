import { AppShell, DirectionProvider, MantineProvider, ScrollArea, type MantineColorSchemeManager } from '@mantine/core';
import type { i18n as I18n } from 'i18next';
import { useCallback, useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { CompanyProfile } from '../../shared/company/profile.ts';
import type { Preferences, Theme } from '../../shared/contract/app.ts';
import { Notifications } from './components/Notifications.tsx';
import { ContactsArea } from './contacts/ContactsArea.tsx';
import { GridBench } from './dev/GridBench.tsx';
import { directionOf } from './i18n/index.ts';
import { CompanyProvider, useCompany } from './lib/company.tsx';
import { PreferencesProvider } from './lib/preferences.tsx';
import { devToolsEnabled, navigate, useRoute } from './lib/router.ts';
import { ImportsArea } from './imports/ImportsArea.tsx';
import { ProductsArea } from './products/ProductsArea.tsx';
import { isSettingsTab, SettingsArea } from './settings/SettingsArea.tsx';
import { isAreaId, type AreaId } from './shell/areas.ts';
import { Header } from './shell/Header.tsx';
import { NotBuilt } from './shell/NotBuilt.tsx';
import { Sidebar } from './shell/Sidebar.tsx';
import { UnsavedChangesPrompt } from './shell/UnsavedChangesPrompt.tsx';
import { useAreaShortcuts } from './shell/useAreaShortcuts.ts';
import { StockArea } from './stock/StockArea.tsx';
import { LedgerArea } from './ledger/LedgerArea.tsx';
import { DashboardArea } from './dashboard/DashboardArea.tsx';
import { InvoicesArea } from './invoices/InvoicesArea.tsx';
import { MarketplacesArea } from './marketplaces/MarketplacesArea.tsx';
import { SignInGate } from './safety/SignInGate.tsx';
import { theme } from './theme.ts';

/**
 * Mantine keeps the colour scheme through a "manager" (localStorage by default). Kontor keeps
 * it in the core with the other preferences, so this manager only hands Mantine the stored value
 * at start; PreferencesProvider saves changes through app.setPreferences.
 */
function preferenceColorSchemeManager(initial: Theme): MantineColorSchemeManager {
  let current: Theme = initial;
  return {
    get: () => current,
    set: (value) => {
      current = value;
    },
    subscribe: () => undefined,
    unsubscribe: () => undefined,
    clear: () => undefined,
  };
}

export interface AppProps {
  i18n: I18n;
  preferences: Preferences;
  company: CompanyProfile | null;
}

export function App({ i18n, preferences, company }: AppProps) {
  const colorSchemeManager = useMemo(() => preferenceColorSchemeManager(preferences.theme), [preferences.theme]);
  return (
    <DirectionProvider initialDirection={directionOf(preferences.language)} detectDirection>
      <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme={preferences.theme}>
        <I18nextProvider i18n={i18n}>
          <PreferencesProvider initial={preferences}>
            <CompanyProvider initial={company}>
              <SignInGate>
                <Shell />
              </SignInGate>
              <Notifications />
              <UnsavedChangesPrompt />
            </CompanyProvider>
          </PreferencesProvider>
        </I18nextProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}

function routeForArea(area: string): string {
  return area === 'settings' ? 'settings/company' : area;
}

/** The frame: header, sidebar and the current area, chosen by the hash route. */
function Shell() {
  const route = useRoute();
  const { profile } = useCompany();
  const [head = '', ...rest] = route.split('/');
  const sub = rest[0];

  const redirect = useMemo((): string | null => {
    // The start: the set-up until there is a company, the dashboard after.
    const start = profile === null ? 'settings/company' : 'dashboard';
    if (route === '') return start;
    if (head === 'settings' && !isSettingsTab(sub)) return 'settings/company';
    if (head === 'dev' && devToolsEnabled()) return null;
    if (!isAreaId(head)) return start;
    return null;
  }, [route, head, sub, profile]);

  useEffect(() => {
    if (redirect !== null) navigate(redirect, { replace: true });
  }, [redirect]);

  const routeFor = useCallback((id: string) => routeForArea(id), []);
  useAreaShortcuts(routeFor);

  const current: AreaId | null = isAreaId(head) ? head : null;

  let content = null;
  if (redirect === null) {
    if (head === 'settings' && isSettingsTab(sub)) content = <SettingsArea tab={sub} />;
    else if (head === 'dev' && sub === 'grid') content = <GridBench />;
    else if (current === 'products') content = <ProductsArea path={rest} />;
    else if (current === 'stock') content = <StockArea path={rest} />;
    else if (current === 'ledger') content = <LedgerArea path={rest} />;
    else if (current === 'dashboard') content = <DashboardArea />;
    else if (current === 'contacts') content = <ContactsArea path={rest} />;
    else if (current === 'invoices') content = <InvoicesArea path={rest} />;
    else if (current === 'imports') content = <ImportsArea />;
    else if (current === 'marketplaces') content = <MarketplacesArea path={rest} />;
    else if (current !== null && current !== 'settings') content = <NotBuilt area={current} />;
  }

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 224, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Sidebar current={current} routeFor={routeFor} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{content}</AppShell.Main>
    </AppShell>
  );
}
