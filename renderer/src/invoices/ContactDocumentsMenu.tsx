import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router.ts';

/** On a contact's page: a new quote, proforma or invoice for it, its documents, its overdue invoices, its statement. */
export function ContactDocumentsMenu({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const go = (route: string) => navigate(`${route}?contact=${contactId}`);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconFileInvoice size={14} />} rightSection={<IconChevronDown size={14} />} data-testid="contact-documents">
          {t('buyers.contact.documents')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => go('invoices/documents/new/invoice')} data-testid="contact-new-invoice">
          {t('buyers.contact.newInvoice')}
        </Menu.Item>
        {(['quote', 'proforma'] as const).map((kind) => (
          <Menu.Item key={kind} onClick={() => go(`invoices/documents/new/${kind}`)}>
            {t(`invoices.kinds.${kind}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => go('invoices/documents')} data-testid="contact-document-list">
          {t('buyers.contact.documents')}
        </Menu.Item>
        <Menu.Item onClick={() => navigate(`invoices/documents?contact=${contactId}&filter=overdue`)}>{t('buyers.contact.overdue')}</Menu.Item>
        <Menu.Item onClick={() => go('invoices/statement')} data-testid="contact-statement">
          {t('buyers.contact.statement')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
