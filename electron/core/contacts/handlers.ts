import type { Database } from 'better-sqlite3';
import type { Handlers } from '../dispatcher.ts';
import { createContact, deleteContact, getContact, getContactSnapshot, updateContact, type Db } from './contacts.ts';
import { exportContacts } from './export.ts';
import { previewImport, runImport } from './import/importContacts.ts';
import { findDuplicates, listDuplicatePairs, markDistinct } from './duplicates.ts';
import { contactFacets, listContacts, searchContacts } from './list.ts';
import { mergeContacts } from './merge.ts';
import { contactTimeline } from './timeline.ts';

interface ContactServices {
  db: Db;
  sqlite: Database;
}

export type ContactCallName =
  | 'contacts.list'
  | 'contacts.search'
  | 'contacts.facets'
  | 'contacts.get'
  | 'contacts.snapshot'
  | 'contacts.create'
  | 'contacts.update'
  | 'contacts.delete'
  | 'contacts.duplicates'
  | 'contacts.duplicatePairs'
  | 'contacts.markDistinct'
  | 'contacts.merge'
  | 'contacts.timeline'
  | 'contacts.import.preview'
  | 'contacts.import.run'
  | 'contacts.export';

export function contactsHandlers({ db }: ContactServices): Pick<Handlers, ContactCallName> {
  return {
    'contacts.list': (query) => listContacts(db, query),
    'contacts.search': (query) => searchContacts(db, query),
    'contacts.facets': () => contactFacets(db),
    'contacts.get': ({ id }) => getContact(db, id),
    'contacts.snapshot': ({ id }) => getContactSnapshot(db, id),
    'contacts.create': (input) => createContact(db, input),
    'contacts.update': (input) => updateContact(db, input),
    'contacts.delete': async ({ id }) => {
      await deleteContact(db, id);
      return null;
    },
    'contacts.duplicates': (probe) => findDuplicates(db, probe),
    'contacts.duplicatePairs': (page) => listDuplicatePairs(db, page),
    'contacts.markDistinct': async ({ a, b }) => {
      await markDistinct(db, a, b);
      return null;
    },
    'contacts.merge': (input) => mergeContacts(db, input),
    'contacts.timeline': (query) => contactTimeline(db, query),
    'contacts.import.preview': ({ fileName, dataBase64, mapping }) => previewImport(db, { fileName, bytes: Buffer.from(dataBase64, 'base64'), mapping }),
    'contacts.import.run': ({ fileName, dataBase64, mapping, invalidRows, duplicates }) =>
      runImport(db, { fileName, bytes: Buffer.from(dataBase64, 'base64'), mapping }, { invalidRows, duplicates }),
    'contacts.export': (input) => exportContacts(db, input),
  };
}
