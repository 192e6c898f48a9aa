import { sql } from 'kysely';
import type { Contact } from '../../../shared/contacts/contact.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { writeTransaction } from '../db/writeTransaction.ts';
import { contactNotFound, findContact, getContact, recordEvent, type Db } from './contacts.ts';
import { CONTACT_REFERENCES } from './references.ts';
import { reindexContacts, unindexContacts } from './searchIndex.ts';

export interface MergeResult {
  contact: Contact;
  /** The merge log entry (contact_merge.id). */
  mergeId: number;
  /** Rows moved to the kept contact, per reference label; dropped duplicates not counted. */
  moved: Record<string, number>;
}

/** The kept contact's own value wins; an empty one is filled from the merged contact. */
function filledColumns(kept: Contact, gone: Contact) {
  const notes = [kept.notes, gone.notes].filter((n): n is string => n !== null && n.trim() !== '');
  return {
    job_title: kept.jobTitle ?? gone.jobTitle,
    website: kept.website ?? gone.website,
    language: kept.language ?? gone.language,
    currency: kept.currency ?? gone.currency,
    credit_limit_minor: (kept.creditLimit ?? gone.creditLimit)?.amountMinor ?? null,
    credit_limit_currency: (kept.creditLimit ?? gone.creditLimit)?.currency ?? null,
    notes: notes.length === 0 ? null : [...new Set(notes)].join('\n\n'),
    source: kept.source ?? gone.source,
    source_detail: kept.sourceDetail ?? gone.sourceDetail,
    organisation_id: kept.organisationId ?? gone.organisationId,
    role: kept.role === gone.role ? kept.role : 'both',
  };
}

/**
 * Merges contact `mergeId` into `keepId` in one transaction: every row of every table listed in
 * CONTACT_REFERENCES is repointed (the merged contact's emails, phones, tax IDs and tags join the
 * kept one's, duplicates dropped; its people, timeline, receipts and documents follow), empty
 * fields of the kept contact are filled from the merged one, the merged contact is deleted, and
 * the merge is logged with a full snapshot of what was deleted.
 */
export async function mergeContacts(db: Db, input: { keepId: number; mergeId: number }, now = new Date()): Promise<MergeResult> {
  const { keepId, mergeId } = input;
  if (keepId === mergeId) {
    throw new ValidationError([{ path: 'mergeId', key: 'contacts.merge.self', message: 'Choose two different contacts to merge.' }]);
  }
  const result = await writeTransaction(db, async (trx) => {
    const [kept, gone] = await Promise.all([findContact(trx, keepId), findContact(trx, mergeId)]);
    if (kept === null) throw contactNotFound(keepId);
    if (gone === null) throw contactNotFound(mergeId);
    if (kept.kind !== gone.kind) {
      throw new ValidationError([
        {
          path: 'mergeId',
          key: 'contacts.merge.kinds',
          message: `${gone.name} is ${gone.kind === 'person' ? 'a person' : 'an organisation'} and ${kept.name} is not: only contacts of the same kind can be merged.`,
          params: { kept: kept.name, merged: gone.name },
        },
      ]);
    }
    const at = now.toISOString();
    // Gaps are filled before the rows move: organisation_id is itself a reference below.
    await trx.updateTable('contact').set(filledColumns(kept, gone)).where('id', '=', keepId).execute();

    const moved: Record<string, number> = {};
    for (const ref of CONTACT_REFERENCES) {
      const table = sql.table(ref.table);
      const column = sql.ref(ref.column);
      const position = ref.positioned
        ? sql`, position = position + (SELECT coalesce(max(position) + 1, 0) FROM ${table} WHERE ${column} = ${keepId})`
        : sql``;
      const update = ref.duplicates === 'drop' ? sql`UPDATE OR IGNORE` : sql`UPDATE`;
      const result = await sql`${update} ${table} SET ${column} = ${keepId}${position} WHERE ${column} = ${mergeId}`.execute(trx);
      const count = Number(result.numAffectedRows ?? 0n);
      if (ref.duplicates === 'drop') await sql`DELETE FROM ${table} WHERE ${column} = ${mergeId}`.execute(trx);
      if (count > 0) moved[ref.label] = (moved[ref.label] ?? 0) + count;
    }
    // A "not duplicates" pair of the two merged contacts now names the kept one twice.
    await trx.deleteFrom('contact_distinct').whereRef('a_id', '=', 'b_id').execute();

    const people = await trx.selectFrom('contact').select('id').where('organisation_id', '=', keepId).execute();
    // Every reference has moved, so this delete cascades into nothing of value; a reference missing
    // from CONTACT_REFERENCES fails it (foreign keys) and rolls the merge back.
    await trx.deleteFrom('contact').where('id', '=', mergeId).execute();
    const firstCountry = await trx
      .selectFrom('contact_address')
      .select('country')
      .where('contact_id', '=', keepId)
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    await trx
      .updateTable('contact')
      .set({ country: kept.country ?? firstCountry?.country ?? gone.country, updated_at: at, revision: kept.revision + 1 })
      .where('id', '=', keepId)
      .execute();
    const log = await trx
      .insertInto('contact_merge')
      .values({ kept_id: keepId, merged_id: mergeId, merged_name: gone.name, snapshot: JSON.stringify(gone), moved: JSON.stringify(moved), at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, keepId, 'merged', at, { mergedId: mergeId, mergedName: gone.name, moved });
    await unindexContacts(trx, [mergeId]);
    await reindexContacts(trx, [keepId, ...people.map((p) => p.id)]);
    return { mergeId: log.id, moved };
  });
  return { contact: await getContact(db, keepId), ...result };
}
