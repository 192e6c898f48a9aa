import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES } from '../../../shared/catalog/languages.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { UNIT_CODES, type Unit } from '../../../shared/quantity.ts';
import { languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { navigate } from '../lib/router.ts';

/**
 * "New product": the few fields a product cannot be without (SKU, a title in the catalog's main
 * language, the unit); everything else is filled in afterwards in the editor it opens.
 */
export function CreateProductDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref } = useReference('languages');
  const mainLanguage = ref.languages?.[0] ?? 'en';
  const [sku, setSku] = useState('');
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState<Unit>('pcs');
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const labels = {
    sku: t('products.fields.sku'),
    title: t('products.fields.titleIn', { language: languageName(mainLanguage, language) }),
    unit: t('products.fields.unit'),
  };
  const errorOf = (path: string, label: string): string | undefined => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };
  const titleIssue = issues.get(`texts.${mainLanguage}.title`) ?? issues.get('texts');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const created = await getClient().call('products.create', {
        sku,
        unit,
        status: 'draft',
        texts: { [mainLanguage]: { title } },
      });
      notify({ kind: 'success', title: t('products.created', { sku: created.sku }) });
      onClose();
      navigate(`products/${created.id}`);
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      if (found.length === 0) setProblem(describeError(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('products.new')} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-product-form">
        <Stack gap="sm">
          <TextInput
            label={labels.sku}
            labelProps={{ 'data-required-mark': true }}
            aria-required
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={errorOf('sku', labels.sku)}
            description={t('products.hints.sku')}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            data-autofocus
          />
          <TextInput
            label={labels.title}
            labelProps={{ 'data-required-mark': true }}
            aria-required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={titleIssue ? translateIssue(i18n, titleIssue, labels.title) : undefined}
            dir={RTL_LANGUAGES.includes(mainLanguage) ? 'rtl' : 'auto'}
          />
          <NativeSelect
            label={labels.unit}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value as Unit)}
            data={UNIT_CODES.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            error={errorOf('unit', labels.unit)}
          />
          {problem && (
            <Alert color="red" variant="light" p="xs" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="create-product-submit">
              {t('products.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
