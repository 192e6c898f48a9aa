import { Loader } from '@mantine/core';
import { useEffect } from 'react';
import { getClient } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';
import { isTextEntry } from '../lib/useBarcodeScanner.ts';
import { useLoad } from '../lib/useLoad.ts';
import { ContactDetail } from './ContactDetail.tsx';
import { ContactForm } from './ContactForm.tsx';
import { ContactList } from './ContactList.tsx';
import { DuplicatesPage } from './DuplicatesPage.tsx';
import { ImportPage } from './ImportPage.tsx';

function EditContact({ id }: { id: number }) {
  const loaded = useLoad(`contact-edit:${id}`, () => getClient().call('contacts.get', { id }));
  if (!loaded.data) return <Loader size="sm" />;
  return <ContactForm contact={loaded.data} onSaved={(c) => navigate(`contacts/${c.id}`)} onCancel={() => navigate(`contacts/${id}`)} />;
}

/**
 * #/contacts (list), #/contacts/new, #/contacts/<id>, #/contacts/<id>/edit, #/contacts/duplicates,
 * #/contacts/import. N or Ctrl+N opens a new contact from the list.
 */
export function ContactsArea({ path }: { path: readonly string[] }) {
  const [first, second] = path;
  const id = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
  const listShown = first === undefined;

  useEffect(() => {
    if (!listShown) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'n') return;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        navigate('contacts/new');
        return;
      }
      if (isTextEntry(event.target) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      navigate('contacts/new');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [listShown]);

  if (first === 'new') return <ContactForm onSaved={(c) => navigate(`contacts/${c.id}`)} onCancel={() => navigate('contacts')} />;
  if (first === 'duplicates') return <DuplicatesPage />;
  if (first === 'import') return <ImportPage />;
  if (id !== null && second === 'edit') return <EditContact key={id} id={id} />;
  if (id !== null) return <ContactDetail key={id} id={id} />;
  return <ContactList onCreate={() => navigate('contacts/new')} />;
}
