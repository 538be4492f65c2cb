import type { TCustomerGrade } from '@crm/contracts';
import { and, asc, desc, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { customer } from '../customers.schema.ts';
import { customerGradeHistory, customerGradingSettings } from '../grading.schema.ts';

export type GradingSettingsRow = typeof customerGradingSettings.$inferSelect;
export type GradeHistoryRow = typeof customerGradeHistory.$inferSelect;
export type NewGradeHistoryRow = typeof customerGradeHistory.$inferInsert;

/** The columns grading reads and writes of a customer. */
const gradingColumns = {
  id: customer.id,
  grade: customer.grade,
  ruleGrade: customer.ruleGrade,
  gradeOverride: customer.gradeOverride,
  gradeOverrideReason: customer.gradeOverrideReason,
  strategic: customer.strategic,
  version: customer.version,
};
export type GradingRow = {
  id: string;
  grade: TCustomerGrade;
  ruleGrade: TCustomerGrade;
  gradeOverride: TCustomerGrade | null;
  gradeOverrideReason: string | null;
  strategic: boolean;
  version: number;
};

/* settings */

export async function findSettings(db: Db): Promise<GradingSettingsRow | undefined> {
  const [row] = await db.select().from(customerGradingSettings);
  return row;
}

/** Creates the settings row with the given values unless it exists. */
export async function insertSettingsIfMissing(db: Db, values: Omit<typeof customerGradingSettings.$inferInsert, 'id'>): Promise<void> {
  await db
    .insert(customerGradingSettings)
    .values({ id: 1, ...values })
    .onConflictDoNothing();
}

export async function updateSettings(
  db: Db,
  version: number,
  set: Omit<Partial<typeof customerGradingSettings.$inferInsert>, 'id' | 'version'>,
): Promise<GradingSettingsRow | undefined> {
  const [row] = await db
    .update(customerGradingSettings)
    .set({ ...set, version: sql`${customerGradingSettings.version} + 1` })
    .where(and(sql`${customerGradingSettings.id} = 1`, sql`${customerGradingSettings.version} = ${version}`))
    .returning();
  return row;
}

/* customers, locked for the rest of the transaction */

/** The given customers the scope allows, locked (in id order, so that concurrent batches cannot deadlock). */
export async function lockForGrading(db: Db, ids: readonly string[], scope: SQL | undefined): Promise<GradingRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(gradingColumns)
    .from(customer)
    .where(and(inArray(customer.id, [...ids]), scope))
    .orderBy(asc(customer.id))
    .for('update');
}

/** The next batch of customers for the nightly recompute (a system job: every customer), locked. */
export async function lockGradingBatch(db: Db, afterId: string | undefined, limit: number): Promise<GradingRow[]> {
  return db
    .select(gradingColumns)
    .from(customer)
    .where(afterId ? gt(customer.id, afterId) : undefined)
    .orderBy(asc(customer.id))
    .limit(limit)
    .for('update');
}

export type GradeWrite = {
  id: string;
  grade: TCustomerGrade;
  ruleGrade: TCustomerGrade;
  gradeOverride: TCustomerGrade | null;
  gradeOverrideReason: string | null;
  strategic: boolean;
};

/**
 * Writes the grades of many customers in one statement (`update … from (values …)`). A person's
 * change counts the version up and stamps who; the nightly rule leaves both alone, so that a form
 * opened before it can still be saved.
 */
export async function writeGrades(
  db: Db,
  rows: readonly GradeWrite[],
  opts: { at: Date; byUserId: string | null; isManual: boolean },
): Promise<{ id: string; version: number }[]> {
  if (rows.length === 0) return [];
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.grade}::text, ${r.ruleGrade}::text, ${r.gradeOverride}::text, ${r.gradeOverrideReason}::text, ${r.strategic}::boolean)`,
    ),
    sql`, `,
  );
  const manual = opts.isManual ? { version: sql`${customer.version} + 1`, updatedAt: opts.at, updatedBy: opts.byUserId } : {};
  return db
    .update(customer)
    .set({
      grade: sql`v.grade`,
      ruleGrade: sql`v.rule_grade`,
      gradeOverride: sql`v.grade_override`,
      gradeOverrideReason: sql`v.grade_override_reason`,
      strategic: sql`v.strategic`,
      gradedAt: opts.at,
      ...manual,
    })
    .from(sql`(values ${values}) as v(id, grade, rule_grade, grade_override, grade_override_reason, strategic)`)
    .where(sql`${customer.id} = v.id`)
    .returning({ id: customer.id, version: customer.version });
}

/* history */

export async function insertGradeHistory(db: Db, rows: NewGradeHistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(customerGradeHistory).values(rows);
}

/** Newest first, keyset on (at, id). */
export async function listGradeHistory(
  db: Db,
  customerId: string,
  page: { limit: number; after?: [string, string] },
): Promise<GradeHistoryRow[]> {
  const after = page.after
    ? sql`(${customerGradeHistory.at}, ${customerGradeHistory.id}) < (${new Date(page.after[0])}, ${page.after[1]})`
    : undefined;
  return db
    .select()
    .from(customerGradeHistory)
    .where(and(sql`${customerGradeHistory.customerId} = ${customerId}`, after))
    .orderBy(desc(customerGradeHistory.at), desc(customerGradeHistory.id))
    .limit(page.limit);
}
