import { Stack, Tabs, Title } from '@mantine/core';
import { IconCloudUpload, IconHistory, IconKey, IconTable } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router.ts';
import { AccountsPanel } from './AccountsPanel.tsx';
import { ListingsPanel } from './ListingsPanel.tsx';
import { UploadsPanel } from './UploadsPanel.tsx';
import { UploadWizard } from './UploadWizard.tsx';

export const MARKETPLACE_TABS = ['accounts', 'listings', 'upload', 'uploads'] as const;
type MarketplaceTab = (typeof MARKETPLACE_TABS)[number];

function isTab(value: string | undefined): value is MarketplaceTab {
  return (MARKETPLACE_TABS as readonly (string | undefined)[]).includes(value);
}

/**
 * #/marketplaces/<tab>[/<id>]: accounts (add, test), the listing grid (products × accounts), the
 * upload wizard, and past uploads with their per-item reports (#/marketplaces/uploads/<id>).
 */
export function MarketplacesArea({ path }: { path: readonly string[] }) {
  const { t } = useTranslation();
  const [head, arg] = path;
  const tab = isTab(head) ? head : null;
  useEffect(() => {
    if (tab === null) navigate('marketplaces/accounts', { replace: true });
  }, [tab]);
  if (tab === null) return null;
  const uploadId = tab === 'uploads' && arg && /^\d+$/.test(arg) ? Number(arg) : null;

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))">
      <Title order={1}>{t('nav.marketplaces')}</Title>
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(`marketplaces/${value}`)}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ panel: { flex: 1, minHeight: 0, overflow: 'auto' } }}
      >
        <Tabs.List>
          <Tabs.Tab value="accounts" leftSection={<IconKey size={14} />}>
            {t('marketplaces.tabs.accounts')}
          </Tabs.Tab>
          <Tabs.Tab value="listings" leftSection={<IconTable size={14} />}>
            {t('marketplaces.tabs.listings')}
          </Tabs.Tab>
          <Tabs.Tab value="upload" leftSection={<IconCloudUpload size={14} />}>
            {t('marketplaces.tabs.upload')}
          </Tabs.Tab>
          <Tabs.Tab value="uploads" leftSection={<IconHistory size={14} />}>
            {t('marketplaces.tabs.uploads')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="accounts" pt="sm">
          <AccountsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="listings" pt="sm">
          <ListingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="upload" pt="sm">
          <UploadWizard />
        </Tabs.Panel>
        <Tabs.Panel value="uploads" pt="sm">
          <UploadsPanel uploadId={uploadId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
