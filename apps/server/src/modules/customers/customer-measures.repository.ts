import { and, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { addDays, startOfBusinessDay } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { rowsOf } from '../../kernel/db/tx.ts';
import { customer } from './customers.schema.ts';
import { customerOwnerChange } from './pool.schema.ts';

export type NewCustomersRange = {
  /** First and last business date of the period, both inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The business time zone, which decides the day and month a customer was created in. */
  timezone: string;
  /** Only these creating owners; all when absent. */
  userIds?: readonly string[];
};

/**
 * New customers (performance metric): customers created in the period, counted for the owner they
 * were created with (not whoever owns them now), per business month. Customers merged into another
 * were duplicates and do not count. An aggregate by owner, not a list of records: the caller decides
 * whose numbers it may show and passes those users.
 */
export async function measureNewCustomers(db: Db, range: NewCustomersRange): Promise<{ userId: string; month: string; count: number }[]> {
  if (range.userIds && range.userIds.length === 0) return [];
  const createdWith = sql`coalesce(${customerOwnerChange.toOwnerId}, ${customer.ownerId})`;
  const month = sql`to_char(${customer.createdAt} at time zone ${range.timezone}, 'YYYY-MM')`;
  const conditions: (SQL | undefined)[] = [
    gte(customer.createdAt, startOfBusinessDay(range.from, range.timezone)),
    lt(customer.createdAt, startOfBusinessDay(addDays(range.to, 1), range.timezone)),
    isNull(customer.mergedIntoId),
    range.userIds ? inArray(createdWith, [...range.userIds]) : undefined,
  ];
  const result = await db.execute(sql`
    select ${createdWith} as "userId", ${month} as "month", count(*)::int as "count"
    from ${customer}
    left join ${customerOwnerChange}
      on ${customerOwnerChange.customerId} = ${customer.id} and ${customerOwnerChange.kind} = 'create'
    where ${and(...conditions)} and ${createdWith} is not null
    group by 1, 2`);
  return rowsOf<{ userId: string; month: string; count: number }>(result);
}
