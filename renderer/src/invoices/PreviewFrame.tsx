import { useTranslation } from 'react-i18next';

/**
 * The printed page as the core makes it, in a sandboxed frame: no scripts, no same-origin access
 * (the template has none; the sandbox makes sure).
 */
export function PreviewFrame({ html }: { html: string }) {
  const { t } = useTranslation();
  return (
    <iframe
      title={t('invoices.actions.preview')}
      sandbox=""
      srcDoc={html}
      style={{ width: '100%', maxWidth: 900, height: 1100, border: '1px solid var(--mantine-color-default-border)', background: 'white' }}
      data-testid="document-preview"
    />
  );
}
