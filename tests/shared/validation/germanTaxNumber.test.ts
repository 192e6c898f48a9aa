import { describe, expect, it } from 'vitest';
import { checkSteuernummer } from '../../../shared/validation/germanTaxNumber.ts';

// Specimen numbers of each Bundesland in both forms, from ELSTER's and Lexware's conversion
// tables (the same pairs python-stdnum tests against).
const SPECIMENS: [land: string, regional: string, elster: string][] = [
  ['Baden-Württemberg', '93815/08152', '2893081508152'],
  ['Bayern', '181/815/08155', '9181081508155'],
  ['Berlin', '21/815/08150', '1121081508150'],
  ['Brandenburg', '048/815/08155', '3048081508155'],
  ['Bremen', '75 815 08152', '2475081508152'],
  ['Hamburg', '02/815/08156', '2202081508156'],
  ['Hessen', '013 815 08153', '2613081508153'],
  ['Mecklenburg-Vorpommern', '079/815/08151', '4079081508151'],
  ['Niedersachsen', '24/815/08151', '2324081508151'],
  ['Nordrhein-Westfalen', '133/8150/8159', '5133081508159'],
  ['Rheinland-Pfalz', '22/815/0815/4', '2722081508154'],
  ['Saarland', '010/815/08182', '1010081508182'],
  ['Sachsen', '201/123/12340', '3201012312340'],
  ['Sachsen-Anhalt', '101/815/08154', '3101081508154'],
  ['Schleswig-Holstein', '29 815 08158', '2129081508158'],
  ['Thüringen', '151/815/08156', '4151081508156'],
];

describe('checkSteuernummer', () => {
  it.each(SPECIMENS)('accepts the %s forms %s and %s', (_land, regional, elster) => {
    expect(checkSteuernummer(regional)).toEqual({ ok: true, normalized: regional.replace(/\D/g, '') });
    expect(checkSteuernummer(elster)).toEqual({ ok: true, normalized: elster });
  });

  it('accepts the regional form without separators and with the check digit split off', () => {
    expect(checkSteuernummer('18181508155')).toEqual({ ok: true, normalized: '18181508155' });
    expect(checkSteuernummer(' 181/815/0815 5 ')).toEqual({ ok: true, normalized: '18181508155' });
    expect(checkSteuernummer('181 / 815 / 08155')).toEqual({ ok: true, normalized: '18181508155' });
  });

  it('accepts any grouping of the 13-digit form', () => {
    expect(checkSteuernummer('9181 0 815 08155')).toEqual({ ok: true, normalized: '9181081508155' });
  });

  it('refuses a 13-digit number whose fifth digit is not 0', () => {
    expect(checkSteuernummer('9181181508155')).toMatchObject({ ok: false, key: 'validation.steuernummer.fifthDigit' });
    expect(checkSteuernummer('4151181508156')).toMatchObject({ key: 'validation.steuernummer.fifthDigit' });
  });

  it('refuses a 13-digit number with a prefix of no Bundesland', () => {
    // 01..16 is the Länder numbering, not the Finanzamt prefix ELSTER uses.
    expect(checkSteuernummer('0181081508155')).toMatchObject({ key: 'validation.steuernummer.state' });
    expect(checkSteuernummer('1281081508155')).toMatchObject({ key: 'validation.steuernummer.state' });
    expect(checkSteuernummer('2581081508155')).toMatchObject({ key: 'validation.steuernummer.state' });
    expect(checkSteuernummer('6181081508155')).toMatchObject({ key: 'validation.steuernummer.state' });
  });

  it('refuses lengths other than 10, 11 and 13 with the length key', () => {
    expect(checkSteuernummer('123456789')).toMatchObject({ key: 'validation.steuernummer.length', params: { actual: 9 } });
    expect(checkSteuernummer('123456789012')).toMatchObject({ key: 'validation.steuernummer.length', params: { actual: 12 } });
    expect(checkSteuernummer('12345678901234')).toMatchObject({ key: 'validation.steuernummer.length', params: { actual: 14 } });
  });

  it('refuses groupings no Finanzamt prints', () => {
    expect(checkSteuernummer('1818/1508/155')).toMatchObject({ key: 'validation.steuernummer.grouping' });
    expect(checkSteuernummer('1/8181508155')).toMatchObject({ key: 'validation.steuernummer.grouping' });
    // A digit lost from the last group of a Bavarian number leaves 10 digits in a 3/3/4 layout.
    expect(checkSteuernummer('181/815/0815')).toMatchObject({ key: 'validation.steuernummer.grouping' });
  });

  it('refuses letters with the format key (a VAT ID is not a Steuernummer)', () => {
    expect(checkSteuernummer('DE136695976')).toMatchObject({ key: 'validation.steuernummer.format' });
    expect(checkSteuernummer('181/815/0815S')).toMatchObject({ key: 'validation.steuernummer.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkSteuernummer('')).toMatchObject({ key: 'validation.steuernummer.required' });
  });
});
