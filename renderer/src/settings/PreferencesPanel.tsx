import { NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES, type Language, type Theme } from '../../../shared/contract/app.ts';
import { usePreferences } from '../lib/preferences.tsx';

export function PreferencesPanel() {
  const { t } = useTranslation();
  const { preferences, setLanguage, setTheme } = usePreferences();
  return (
    <Stack gap="md" maw={560}>
      <div>
        <Title order={1}>{t('preferences.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('preferences.intro')}
        </Text>
      </div>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <NativeSelect
            id="preferences-language"
            label={t('preferences.language')}
            value={preferences.language}
            onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          />
          <NativeSelect
            id="preferences-theme"
            label={t('preferences.theme')}
            value={preferences.theme}
            onChange={(e) => void setTheme(e.currentTarget.value as Theme)}
            data={THEMES.map((th) => ({ value: th, label: t(`themes.${th}`) }))}
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
