import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';

/**
 * The ids of the first `limit` rows of a scoped list in key order (then by id), read part by part
 * along indexes on (department, key, id) and (owner, key, id): one probe per department of the
 * scope and one per other part of it (`scopeParts`), each stopping after `limit` entries, then the
 * first `limit` of their union. One OR over owner, departments and shares would instead walk the key
 * index of the whole table until the page is full, or sort every record of the scope. The probes
 * read the indexes only; the caller fetches the page's rows with `id in (…)`.
 */
export function scopedPageIds(
  db: Db,
  table: PgTable,
  cols: { id: AnyPgColumn; key: AnyPgColumn; department: AnyPgColumn },
  parts: { departments: readonly string[]; others: readonly SQL[] },
  where: SQL | undefined,
  page: { desc: boolean; limit: number },
): SQL {
  const order = page.desc ? [desc(cols.key), desc(cols.id)] : [asc(cols.key), asc(cols.id)];
  const probe = (part: SQL) =>
    db
      .select({ id: sql`${cols.id}`.as('id'), key: sql`${cols.key}`.as('key') })
      .from(table)
      .where(and(part, where))
      .orderBy(...order)
      .limit(page.limit);
  const branches: SQL[] = parts.others.map((part) => sql`(${probe(part)})`);
  if (parts.departments.length > 0) {
    const departments = sql`unnest(${sql.param([...parts.departments])}::uuid[]) as d(id)`;
    branches.push(sql`select p.id, p.key from ${departments} cross join lateral (${probe(sql`${cols.department} = d.id`)}) as p`);
  }
  const direction = page.desc ? sql`desc` : sql`asc`;
  return sql`select u.id from (${sql.join(branches, sql` union all `)}) as u order by u.key ${direction}, u.id ${direction} limit ${page.limit}`;
}
