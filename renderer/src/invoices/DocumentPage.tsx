import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../shared/invoicing/documents.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { useLoad } from '../lib/useLoad.ts';
import { DocumentEditor } from './DocumentEditor.tsx';
import { DocumentView } from './DocumentView.tsx';

/** A draft opens in the editor, an issued document in its read-only view. */
export function DocumentPage({ id, newKind }: { id: number | null; newKind: DocumentKind | null }) {
  if (id === null) return <DocumentEditor initial={null} kind={newKind ?? 'invoice'} />;
  return <Existing id={id} />;
}

function Existing({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const load = useLoad(String(id), () => getClient().call('invoices.get', { id }));
  if (load.error !== null) {
    return (
      <Alert color="red" role="alert">
        <Group justify="space-between">
          <Text size="sm">{describeError(i18n, load.error)}</Text>
          <Button size="xs" variant="light" onClick={load.reload}>
            {t('app.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const doc = load.data;
  if (doc === undefined) return <Loader size="sm" />;
  return doc.status === 'draft' ? <DocumentEditor key={doc.revision} initial={doc} kind={doc.kind} onSaved={load.setData} /> : <DocumentView doc={doc} onChange={load.setData} />;
}
