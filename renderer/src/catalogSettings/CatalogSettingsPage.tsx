import { Tabs } from '@mantine/core';
import { IconCategory, IconLanguage, IconTags } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoriesPanel } from './CategoriesPanel.tsx';
import { LanguagesPanel } from './LanguagesPanel.tsx';
import { PriceListsPanel } from './PriceListsPanel.tsx';

type Part = 'categories' | 'priceLists' | 'languages';

/** #/settings/catalog: the category tree with its attributes, the price lists, the catalog languages. */
export function CatalogSettingsPage() {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>('categories');
  return (
    <Tabs value={part} onChange={(v) => v && setPart(v as Part)} variant="pills" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="categories" leftSection={<IconCategory size={14} />} data-testid="catalog-settings-categories">
          {t('catalogSettings.parts.categories')}
        </Tabs.Tab>
        <Tabs.Tab value="priceLists" leftSection={<IconTags size={14} />} data-testid="catalog-settings-price-lists">
          {t('catalogSettings.parts.priceLists')}
        </Tabs.Tab>
        <Tabs.Tab value="languages" leftSection={<IconLanguage size={14} />} data-testid="catalog-settings-languages">
          {t('catalogSettings.parts.languages')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="categories">
        <CategoriesPanel />
      </Tabs.Panel>
      <Tabs.Panel value="priceLists">
        <PriceListsPanel />
      </Tabs.Panel>
      <Tabs.Panel value="languages">
        <LanguagesPanel />
      </Tabs.Panel>
    </Tabs>
  );
}
