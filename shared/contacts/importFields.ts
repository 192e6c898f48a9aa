import type { ImportField } from '../import/columnMapping.ts';

/*
 * The fields a contacts spreadsheet can fill, with the headers each answers to: our own export's
 * English headers first, then Google Contacts CSV (both the current "First Name / E-mail 1 - Value"
 * layout and the older "Given Name / Organization 1 - Name" one), Outlook's CSV export ("E-mail
 * Address", "Business Street", "Business Country/Region"), and common French, German and Arabic
 * spellings.
 */

export const CONTACT_IMPORT_FIELDS = [
  'name', 'firstName', 'lastName', 'organisation', 'jobTitle', 'kind', 'role',
  'email1', 'email2', 'email3', 'phone1', 'phone2', 'phone3', 'website',
  'street', 'street2', 'postalCode', 'city', 'region', 'country',
  'vatId', 'ice', 'taxId', 'tags', 'notes', 'language', 'currency', 'paymentDays', 'source',
] as const;
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];

export const CONTACT_FIELD_HEADERS: readonly ImportField<ContactImportField>[] = [
  { field: 'name', headers: ['Name', 'Display Name', 'Full Name', 'Nom', 'Raison sociale', 'Firma', 'Firmenname', 'الاسم', 'File As'] },
  { field: 'firstName', headers: ['First Name', 'Given Name', 'Prénom', 'Vorname', 'الاسم الأول'] },
  { field: 'lastName', headers: ['Last Name', 'Family Name', 'Surname', 'Nom de famille', 'Nachname', 'اسم العائلة'] },
  { field: 'organisation', headers: ['Organisation', 'Organization', 'Organization Name', 'Organization 1 - Name', 'Company', 'Société', 'Entreprise', 'Unternehmen', 'الشركة'] },
  { field: 'jobTitle', headers: ['Job Title', 'Organization Title', 'Organization 1 - Title', 'Fonction', 'Position', 'المسمى الوظيفي'] },
  { field: 'kind', headers: ['Kind', 'Type', 'Art'] },
  { field: 'role', headers: ['Role', 'Rôle', 'Rolle'] },
  { field: 'email1', headers: ['Email', 'E-mail', 'E-mail Address', 'E-mail 1 - Value', 'Email 1', 'Courriel', 'Adresse e-mail', 'E-Mail-Adresse', 'البريد الإلكتروني'] },
  { field: 'email2', headers: ['Email 2', 'E-mail 2 Address', 'E-mail 2 - Value'] },
  { field: 'email3', headers: ['Email 3', 'E-mail 3 Address', 'E-mail 3 - Value'] },
  { field: 'phone1', headers: ['Phone', 'Telephone', 'Phone 1 - Value', 'Business Phone', 'Primary Phone', 'Téléphone', 'Telefon', 'الهاتف'] },
  { field: 'phone2', headers: ['Phone 2', 'Mobile', 'Mobile Phone', 'Phone 2 - Value', 'Portable', 'Handy', 'الجوال'] },
  { field: 'phone3', headers: ['Phone 3', 'Phone 3 - Value', 'Home Phone', 'Company Main Phone'] },
  { field: 'website', headers: ['Website', 'Web Page', 'Website 1 - Value', 'Site web', 'Webseite', 'الموقع'] },
  { field: 'street', headers: ['Street', 'Address', 'Address line 1', 'Address 1 - Street', 'Business Street', 'Home Street', 'Rue', 'Adresse', 'Straße', 'Strasse', 'العنوان'] },
  { field: 'street2', headers: ['Address line 2', 'Address 1 - Extended Address', 'Business Street 2', 'Complément', 'Adresszusatz'] },
  { field: 'postalCode', headers: ['Postal Code', 'Postcode', 'ZIP', 'ZIP Code', 'Address 1 - Postal Code', 'Business Postal Code', 'Home Postal Code', 'Code postal', 'PLZ', 'Postleitzahl', 'الرمز البريدي'] },
  { field: 'city', headers: ['City', 'Town', 'Address 1 - City', 'Business City', 'Home City', 'Ville', 'Stadt', 'Ort', 'المدينة'] },
  { field: 'region', headers: ['Region', 'State', 'Province', 'County', 'Address 1 - Region', 'Business State', 'Home State', 'Bundesland', 'المنطقة'] },
  { field: 'country', headers: ['Country', 'Country Code', 'Address 1 - Country', 'Business Country/Region', 'Business Country', 'Home Country/Region', 'Pays', 'Land', 'البلد', 'الدولة'] },
  { field: 'vatId', headers: ['VAT ID', 'VAT', 'VAT number', 'USt-IdNr', 'USt-IdNr.', 'TVA intracommunautaire', 'N° TVA', 'Numéro de TVA'] },
  { field: 'ice', headers: ['ICE'] },
  { field: 'taxId', headers: ['Tax ID', 'Tax number', 'TIN', 'Steuernummer', 'Identifiant fiscal', 'الرقم الضريبي'] },
  { field: 'tags', headers: ['Tags', 'Labels', 'Categories', 'Group Membership', 'Étiquettes', 'Schlagwörter', 'الوسوم'] },
  { field: 'notes', headers: ['Notes', 'Note', 'Remarques', 'Notizen', 'ملاحظات'] },
  { field: 'language', headers: ['Language', 'Langue', 'Sprache', 'اللغة'] },
  { field: 'currency', headers: ['Currency', 'Devise', 'Währung', 'العملة'] },
  { field: 'paymentDays', headers: ['Payment days', 'Payment terms (days)', 'Net days', 'Délai de paiement', 'Zahlungsziel'] },
  { field: 'source', headers: ['Source', 'Quelle', 'المصدر'] },
];

/** Which known export a file looks like, from its headers: shown to the person, and decides nothing else. */
export type DetectedFormat = 'kontor' | 'google' | 'outlook' | 'generic';
