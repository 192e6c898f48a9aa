import { Group, NativeSelect, Text } from '@mantine/core';
import { IconDeviceDesktop, IconLanguage, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES, type Language, type Theme } from '../../../shared/contract/app.ts';
import { usePreferences } from '../lib/preferences.tsx';

const THEME_ICONS = {
  light: <IconSun size={16} />,
  dark: <IconMoon size={16} />,
  auto: <IconDeviceDesktop size={16} />,
} as const;

/**
 * The top bar: product name, language and colour scheme. Native selects: compact, fully
 * keyboard-operable, and each language is listed under its own name so someone who cannot read
 * the current language still finds theirs.
 */
export function Header() {
  const { t } = useTranslation();
  const { preferences, setLanguage, setTheme } = usePreferences();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Text fw={700} size="lg" style={{ letterSpacing: '0.02em' }}>
        Kontor
      </Text>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          aria-label={t('header.language')}
          data-testid="header-language"
          leftSection={<IconLanguage size={16} />}
          value={preferences.language}
          onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          w={140}
        />
        <NativeSelect
          aria-label={t('header.theme')}
          data-testid="header-theme"
          leftSection={THEME_ICONS[preferences.theme]}
          value={preferences.theme}
          onChange={(e) => void setTheme(e.currentTarget.value as Theme)}
          data={THEMES.map((th) => ({ value: th, label: t(`themes.${th}`) }))}
          w={170}
        />
      </Group>
    </Group>
  );
}
