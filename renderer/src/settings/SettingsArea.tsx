import { Stack, Tabs } from '@mantine/core';
import {
  IconBuilding,
  IconDatabase,
  IconAdjustments,
  IconBuildingWarehouse,
  IconCategory,
  IconShieldLock,
  IconHistory,
  IconUsers,
  IconDownload,
} from '@tabler/icons-react';
import { CatalogSettingsPage } from '../catalogSettings/CatalogSettingsPage.tsx';
import { StockSettingsPanel } from '../stock/StockSettingsPanel.tsx';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router.ts';
import { CompanyPage } from './CompanyPage.tsx';
import { DataPanel } from './DataPanel.tsx';
import { PreferencesPanel } from './PreferencesPanel.tsx';
import { AuditPanel } from '../safety/AuditPanel.tsx';
import { BackupsPanel } from '../safety/BackupsPanel.tsx';
import { UpdatesPanel } from '../safety/UpdatesPanel.tsx';
import { UsersPanel } from '../safety/UsersPanel.tsx';

export const SETTINGS_TABS = ['company', 'preferences', 'data', 'catalog', 'stock', 'backups', 'audit', 'users', 'updates'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export function isSettingsTab(value: string | undefined): value is SettingsTab {
  return (SETTINGS_TABS as readonly (string | undefined)[]).includes(value);
}

/** #/settings/<tab>: company profile, preferences, data, catalog, stock, backups, audit trail, users, updates. */
export function SettingsArea({ tab }: { tab: SettingsTab }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Tabs value={tab} onChange={(value) => value && navigate(`settings/${value}`)}>
        <Tabs.List>
          <Tabs.Tab value="company" leftSection={<IconBuilding size={14} />}>
            {t('settings.tabs.company')}
          </Tabs.Tab>
          <Tabs.Tab value="preferences" leftSection={<IconAdjustments size={14} />}>
            {t('settings.tabs.preferences')}
          </Tabs.Tab>
          <Tabs.Tab value="catalog" leftSection={<IconCategory size={14} />}>
            {t('catalogSettings.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="stock" leftSection={<IconBuildingWarehouse size={14} />}>
            {t('stockOps.settings.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="data" leftSection={<IconDatabase size={14} />}>
            {t('settings.tabs.data')}
          </Tabs.Tab>
          <Tabs.Tab value="backups" leftSection={<IconShieldLock size={14} />}>
            {t('safety.tabs.backups')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" leftSection={<IconHistory size={14} />}>
            {t('safety.tabs.audit')}
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={14} />}>
            {t('safety.tabs.users')}
          </Tabs.Tab>
          <Tabs.Tab value="updates" leftSection={<IconDownload size={14} />}>
            {t('safety.tabs.updates')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="company" pt="md">
          <CompanyPage />
        </Tabs.Panel>
        <Tabs.Panel value="preferences" pt="md">
          <PreferencesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="catalog" pt="md">
          {tab === 'catalog' && <CatalogSettingsPage />}
        </Tabs.Panel>
        <Tabs.Panel value="stock" pt="md">
          {tab === 'stock' && <StockSettingsPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="data" pt="md">
          <DataPanel />
        </Tabs.Panel>
        <Tabs.Panel value="backups" pt="md">
          {tab === 'backups' ? <BackupsPanel /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          {tab === 'audit' ? <AuditPanel /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          {tab === 'users' ? <UsersPanel /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="updates" pt="md">
          {tab === 'updates' ? <UpdatesPanel /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
