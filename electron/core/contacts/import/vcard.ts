import type { RawAddress, RawContact } from './rawContact.ts';
import { emptyRawContact } from './rawContact.ts';

/*
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350), and the 2.1 that older Outlook versions write
 * (QUOTED-PRINTABLE values, bare TYPE parameters such as "TEL;WORK;VOICE:"). Only what a contact
 * here holds is read: FN, N, ORG, TITLE, EMAIL, TEL, ADR, URL, NOTE, CATEGORIES, KIND.
 */

interface ContentLine {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** Joins folded lines (a line starting with a space or tab continues the previous one). */
function unfold(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    // vCard 2.1 quoted-printable soft line breaks end a line with "=".
    else if (lines.length > 0 && /ENCODING=QUOTED-PRINTABLE/i.test(lines[lines.length - 1]!) && lines[lines.length - 1]!.endsWith('=')) {
      lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, -1) + line;
    } else lines.push(line);
  }
  return lines;
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(ch));
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

function parseLine(line: string): ContentLine | null {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [rawName = '', ...rawParams] = line.slice(0, colon).split(';');
  // "item1.EMAIL" (Apple's grouping): the group is dropped.
  const name = rawName.replace(/^[^.]*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    const key = eq < 0 ? 'TYPE' : p.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').toLowerCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = line.slice(colon + 1);
  if (params.get('ENCODING')?.includes('quoted-printable')) value = decodeQuotedPrintable(value);
  return { name, params, value };
}

/** Splits a structured value on unescaped `;` and unescapes each part. */
function components(value: string, separator = ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      const next = value[i + 1]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const text = (value: string) => components(value, '\u0000')[0] ?? '';

/** Every card in the file, in order; `line` is the card's first line number, for messages. */
export function parseVCards(source: string): RawContact[] {
  const contacts: RawContact[] = [];
  let current: RawContact | null = null;
  const lines = unfold(source);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if (parsed === null) return;
    const { name, params, value } = parsed;
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VCARD') {
      current = emptyRawContact(index + 1);
      return;
    }
    if (current === null) return;
    const c: RawContact = current;
    const types = params.get('TYPE') ?? [];
    switch (name) {
      case 'END':
        contacts.push(c);
        current = null;
        break;
      case 'FN':
        c.name = text(value);
        break;
      case 'N': {
        const [family = '', given = '', additional = ''] = components(value);
        c.lastName = family;
        c.firstName = [given, additional].filter(Boolean).join(' ');
        break;
      }
      case 'ORG':
        c.organisation = components(value).filter(Boolean).join(', ');
        break;
      case 'TITLE':
        c.jobTitle = text(value);
        break;
      case 'KIND':
        c.kind = text(value).toLowerCase() === 'org' ? 'organisation' : text(value);
        break;
      case 'EMAIL':
        if (text(value) !== '') c.emails.push(text(value));
        break;
      case 'TEL': {
        // 4.0 may write the number as a URI: "tel:+49-40-1234567".
        const number = text(value).replace(/^tel:/i, '').replace(/;ext=.*$/i, '');
        if (number !== '' && !types.includes('fax')) c.phones.push(number);
        break;
      }
      case 'URL':
        if (c.website === '') c.website = text(value);
        break;
      case 'NOTE':
        c.notes = [c.notes, text(value)].filter(Boolean).join('\n');
        break;
      case 'CATEGORIES':
        c.tags.push(...components(value, ',').filter(Boolean));
        break;
      case 'ADR': {
        const [poBox = '', extended = '', street = '', city = '', region = '', postalCode = '', country = ''] = components(value);
        const address: RawAddress = {
          kind: types.includes('home') && !types.includes('work') && c.addresses.length > 0 ? 'shipping' : 'billing',
          street: street || poBox,
          street2: [extended, street ? poBox : ''].filter(Boolean).join(', '),
          postalCode,
          city,
          region,
          country,
        };
        // A work address comes first: it is the one an invoice goes to.
        if (types.includes('work')) c.addresses.unshift(address);
        else c.addresses.push(address);
        break;
      }
      default:
        break;
    }
  });
  return contacts;
}
