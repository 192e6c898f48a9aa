import { ActionIcon, Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconDeviceFloppy, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CATALOG_LANGUAGES } from '../../../shared/catalog/languages.ts';
import { compareNames, languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { refresh, useReference } from '../lib/reference.ts';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { moveItem } from './languageOrder.ts';

/**
 * Languages exporters to Kontor's markets write listings in: the four of the interface, the other
 * EU marketplace languages, and those of Alibaba's and Lazada's buyers; Tamazight for Moroccan
 * makers. The core takes any ISO 639 code; this is the offer of the picker.
 */
const OFFERED = ['en', 'fr', 'de', 'ar', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'tr', 'ru', 'zh', 'ja', 'ko', 'th', 'id', 'vi', 'ms', 'he', 'zgh'];

/**
 * #/settings/catalog, languages: which languages the company keeps product titles, descriptions
 * and category names in; the first is the main one (the fallback wherever a text is missing).
 */
export function LanguagesPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref, error, retry } = useReference('languages');
  const stored = ref.languages;
  const [draft, setDraft] = useState<string[] | null>(null);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = draft ?? (stored ? [...stored] : null);
  const dirty = draft !== null && stored !== undefined && draft.join(',') !== stored.join(',');
  useUnsavedChanges(dirty);

  if (error !== undefined) {
    return (
      <Alert color="red" role="alert" title={t('catalogSettings.loadFailed')}>
        <Button size="xs" mt="xs" onClick={retry}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  if (current === null) return <Text c="dimmed">{t('app.loading')}</Text>;

  const compare = compareNames(language);
  const addable = OFFERED.filter((l) => !current.includes(l)).sort((a, b) => compare(languageName(a, language), languageName(b, language)));
  const chosenAdd = addable.includes(adding) ? adding : (addable[0] ?? '');

  const save = async () => {
    setProblem(null);
    setBusy(true);
    try {
      await getClient().call('catalog.languages.set', { languages: current });
      await refresh('languages');
      setDraft(null);
      notify({ kind: 'success', title: t('catalogSettings.languages.saved') });
    } catch (reason) {
      const message = describeProblem(i18n, reason, t('catalogSettings.languages.title'));
      setProblem(message);
      notify({ kind: 'error', title: t('catalogSettings.languages.saveFailed'), message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" maw={640}>
      <Title order={2} size="h4" mb="xs">
        {t('catalogSettings.languages.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('catalogSettings.languages.hint')}
      </Text>
      <Stack gap={4} role="list" aria-label={t('catalogSettings.languages.title')} data-testid="catalog-languages">
        {current.map((code, index) => {
          const name = languageName(code, language);
          return (
            <Group key={code} role="listitem" justify="space-between" wrap="nowrap" px="xs" py={4} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" w={24} c="dimmed" ta="end">
                  {index + 1}.
                </Text>
                <Text size="sm">{name}</Text>
                <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                  {code}
                </Text>
                {index === 0 && (
                  <Badge size="xs" variant="light" tt="none">
                    {t('catalogSettings.languages.main')}
                  </Badge>
                )}
              </Group>
              <Group gap={2} wrap="nowrap">
                <Tooltip label={t('catalogSettings.languages.up', { language: name })}>
                  <ActionIcon variant="subtle" aria-label={t('catalogSettings.languages.up', { language: name })} disabled={index === 0} onClick={() => setDraft(moveItem(current, index, -1))}>
                    <IconArrowUp size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('catalogSettings.languages.down', { language: name })}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('catalogSettings.languages.down', { language: name })}
                    disabled={index === current.length - 1}
                    onClick={() => setDraft(moveItem(current, index, 1))}
                  >
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('catalogSettings.languages.remove', { language: name })}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('catalogSettings.languages.remove', { language: name })}
                    disabled={current.length === 1}
                    onClick={() => setDraft(current.filter((l) => l !== code))}
                    data-testid={`language-remove-${code}`}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          );
        })}
      </Stack>
      <Group mt="sm" align="flex-end">
        <NativeSelect
          label={t('catalogSettings.languages.add')}
          value={chosenAdd}
          onChange={(e) => setAdding(e.currentTarget.value)}
          data={addable.map((l) => ({ value: l, label: `${languageName(l, language)} (${l})` }))}
          disabled={addable.length === 0 || current.length >= MAX_CATALOG_LANGUAGES}
          data-testid="language-add-select"
        />
        <Button
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={chosenAdd === '' || current.length >= MAX_CATALOG_LANGUAGES}
          onClick={() => setDraft([...current, chosenAdd])}
          data-testid="language-add"
        >
          {t('catalogSettings.languages.addButton')}
        </Button>
      </Group>
      {problem && (
        <Alert color="red" variant="light" p="xs" mt="sm" role="alert" data-testid="languages-problem">
          {problem}
        </Alert>
      )}
      <Group mt="md">
        <Button leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="languages-save">
          {t('catalogSettings.save')}
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => setDraft(null)}>
          {t('catalogSettings.undo')}
        </Button>
      </Group>
    </Paper>
  );
}
