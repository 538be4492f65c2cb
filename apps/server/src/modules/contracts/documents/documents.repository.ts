import { and, asc, desc, eq, gt, inArray, isNull, lt, min, or, sql } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { contract } from '../contracts.schema.ts';
import {
  contractArchiveSettings,
  contractArchiveWarning,
  contractDocument,
  contractDocumentVersion,
  contractTemplate,
  contractTemplateVersion,
} from './documents.schema.ts';

export type ContractDocumentRow = typeof contractDocument.$inferSelect;
export type ContractDocumentVersionRow = typeof contractDocumentVersion.$inferSelect;
export type ContractTemplateRow = typeof contractTemplate.$inferSelect;
export type ContractTemplateVersionRow = typeof contractTemplateVersion.$inferSelect;
export type ContractArchiveSettingsRow = typeof contractArchiveSettings.$inferSelect;
export type ContractDocumentKind = ContractDocumentRow['kind'];

/* ------------------------------------------------------------------ documents */

/** Signed (or executing, completed) contracts without any document yet, the most recently signed first (demo data). */
export function listSignedWithoutDocuments(db: Db) {
  return db
    .select({ id: contract.id, number: contract.number, type: contract.type, signedDate: contract.signedDate })
    .from(contract)
    .where(
      and(
        inArray(contract.status, ['signed', 'executing', 'completed']),
        sql`not exists (select 1 from ${contractDocument} d where d.contract_id = ${contract.id})`,
      ),
    )
    .orderBy(desc(contract.signedDate), desc(contract.id));
}

export function listDocuments(db: Db, contractId: string): Promise<ContractDocumentRow[]> {
  return db
    .select()
    .from(contractDocument)
    .where(eq(contractDocument.contractId, contractId))
    .orderBy(asc(contractDocument.kind), asc(contractDocument.createdAt), asc(contractDocument.id));
}

/** Versions of the documents, newest first within each document. */
export async function listVersions(db: Db, documentIds: readonly string[]): Promise<ContractDocumentVersionRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .select()
    .from(contractDocumentVersion)
    .where(inArray(contractDocumentVersion.documentId, [...documentIds]))
    .orderBy(asc(contractDocumentVersion.documentId), desc(contractDocumentVersion.versionNo));
}

export async function findDocument(
  db: Db,
  contractId: string,
  documentId: string,
  opts: { lock?: boolean } = {},
): Promise<ContractDocumentRow | undefined> {
  const query = db
    .select()
    .from(contractDocument)
    .where(and(eq(contractDocument.id, documentId), eq(contractDocument.contractId, contractId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function findVersion(db: Db, documentId: string, versionNo: number): Promise<ContractDocumentVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(contractDocumentVersion)
    .where(and(eq(contractDocumentVersion.documentId, documentId), eq(contractDocumentVersion.versionNo, versionNo)));
  return row;
}

export async function insertDocument(db: Db, row: typeof contractDocument.$inferInsert): Promise<ContractDocumentRow> {
  const [inserted] = await db.insert(contractDocument).values(row).returning();
  return inserted!;
}

/** The contract's generated text, made when missing; locked, so concurrent generations number their versions in turn. */
export async function lockGeneratedDocument(
  db: Db,
  row: typeof contractDocument.$inferInsert & { contractId: string },
): Promise<{ document: ContractDocumentRow; isNew: boolean }> {
  const inserted = await db
    .insert(contractDocument)
    .values({ ...row, source: 'generated', currentVersionNo: 0 })
    .onConflictDoNothing({ target: contractDocument.contractId, where: sql`${contractDocument.source} = 'generated'` })
    .returning();
  const [document] = await db
    .select()
    .from(contractDocument)
    .where(and(eq(contractDocument.contractId, row.contractId), eq(contractDocument.source, 'generated')))
    .for('update');
  return { document: document!, isNew: inserted.length > 0 };
}

export async function insertVersion(db: Db, row: typeof contractDocumentVersion.$inferInsert): Promise<ContractDocumentVersionRow> {
  const [inserted] = await db.insert(contractDocumentVersion).values(row).returning();
  return inserted!;
}

/** Makes `versionNo` the document's current version (the caller holds the row lock). */
export async function setCurrentVersion(db: Db, documentId: string, versionNo: number, by: string | null, at: Date): Promise<void> {
  await db
    .update(contractDocument)
    .set({ currentVersionNo: versionNo, version: sql`${contractDocument.version} + 1`, updatedAt: at, updatedBy: by })
    .where(eq(contractDocument.id, documentId));
}

export async function deleteDocument(db: Db, documentId: string): Promise<void> {
  await db.delete(contractDocument).where(eq(contractDocument.id, documentId));
}

/** Each kind the contract's archive holds, with when its first document arrived. */
export async function listPresentKinds(db: Db, contractId: string): Promise<{ kind: ContractDocumentKind; firstAt: Date }[]> {
  const rows = await db
    .select({ kind: contractDocument.kind, firstAt: min(contractDocument.createdAt) })
    .from(contractDocument)
    .where(eq(contractDocument.contractId, contractId))
    .groupBy(contractDocument.kind);
  return rows.map((r) => ({ kind: r.kind, firstAt: r.firstAt ?? new Date(0) }));
}

export async function hasDocumentOfKind(db: Db, contractId: string, kind: ContractDocumentKind): Promise<boolean> {
  const [row] = await db
    .select({ id: contractDocument.id })
    .from(contractDocument)
    .where(and(eq(contractDocument.contractId, contractId), eq(contractDocument.kind, kind)))
    .limit(1);
  return row !== undefined;
}

/* ------------------------------------------------------------------ archive warnings */

export type ArchiveCandidate = {
  id: string;
  number: string | null;
  title: string;
  type: (typeof contract.$inferSelect)['type'];
  ownerId: string;
  customerName: string | null;
  signedDate: string;
  kinds: ContractDocumentKind[];
};

/**
 * Signed or executing contracts signed before `signedBefore`, a page at a time in id order, each
 * with the kinds of documents its archive holds. System-level: the warning job looks at all contracts.
 */
export async function listArchiveCandidates(
  db: Db,
  opts: { signedBefore: string; afterId: string | null; limit: number },
): Promise<ArchiveCandidate[]> {
  const rows = await db
    .select({
      id: contract.id,
      number: contract.number,
      title: contract.title,
      type: contract.type,
      ownerId: contract.ownerId,
      customerName: contract.customerName,
      signedDate: contract.signedDate,
    })
    .from(contract)
    .where(
      and(
        inArray(contract.status, ['signed', 'executing']),
        lt(contract.signedDate, opts.signedBefore),
        opts.afterId ? gt(contract.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(asc(contract.id))
    .limit(opts.limit);
  if (rows.length === 0) return [];
  const present = await db
    .selectDistinct({ contractId: contractDocument.contractId, kind: contractDocument.kind })
    .from(contractDocument)
    .where(
      inArray(
        contractDocument.contractId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    ...r,
    signedDate: r.signedDate!,
    kinds: present.filter((p) => p.contractId === r.id).map((p) => p.kind),
  }));
}

/** Records today's warnings; answers the contracts not yet warned today (the others were, by an earlier run). */
export async function insertArchiveWarnings(
  db: Db,
  rows: { contractId: string; warnedOn: string; missingKinds: string[]; createdAt: Date }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insert(contractArchiveWarning)
    .values(rows)
    .onConflictDoNothing()
    .returning({ contractId: contractArchiveWarning.contractId });
  return new Set(inserted.map((r) => r.contractId));
}

/* ------------------------------------------------------------------ templates */

export function listTemplates(
  db: Db,
  opts: { activeOnly: boolean; contractType?: ContractTemplateRow['contractType'] },
): Promise<ContractTemplateRow[]> {
  return db
    .select()
    .from(contractTemplate)
    .where(
      and(
        opts.activeOnly ? eq(contractTemplate.isActive, true) : undefined,
        opts.contractType ? or(isNull(contractTemplate.contractType), eq(contractTemplate.contractType, opts.contractType)) : undefined,
      ),
    )
    .orderBy(desc(contractTemplate.isBuiltin), asc(contractTemplate.name));
}

export async function listTemplateVersions(db: Db, templateIds: readonly string[]): Promise<ContractTemplateVersionRow[]> {
  if (templateIds.length === 0) return [];
  return db
    .select()
    .from(contractTemplateVersion)
    .where(inArray(contractTemplateVersion.templateId, [...templateIds]))
    .orderBy(asc(contractTemplateVersion.templateId), desc(contractTemplateVersion.versionNo));
}

export async function findTemplate(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<ContractTemplateRow | undefined> {
  const query = db.select().from(contractTemplate).where(eq(contractTemplate.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function findBuiltinTemplate(db: Db): Promise<ContractTemplateRow | undefined> {
  const [row] = await db.select().from(contractTemplate).where(eq(contractTemplate.isBuiltin, true));
  return row;
}

export async function findTemplateVersion(db: Db, templateId: string, versionNo: number): Promise<ContractTemplateVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(contractTemplateVersion)
    .where(and(eq(contractTemplateVersion.templateId, templateId), eq(contractTemplateVersion.versionNo, versionNo)));
  return row;
}

/** Names of templates, for showing which one a generated version came from. */
export async function listTemplateNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: contractTemplate.id, name: contractTemplate.name })
    .from(contractTemplate)
    .where(inArray(contractTemplate.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertTemplate(db: Db, row: typeof contractTemplate.$inferInsert): Promise<ContractTemplateRow> {
  const [inserted] = await db.insert(contractTemplate).values(row).returning();
  return inserted!;
}

export async function insertTemplateVersion(db: Db, row: typeof contractTemplateVersion.$inferInsert): Promise<ContractTemplateVersionRow> {
  const [inserted] = await db.insert(contractTemplateVersion).values(row).returning();
  return inserted!;
}

export function updateTemplate(
  db: Db,
  id: string,
  version: number,
  set: Partial<
    Pick<ContractTemplateRow, 'name' | 'contractType' | 'description' | 'isActive' | 'currentVersionNo' | 'updatedAt' | 'updatedBy'>
  >,
): Promise<ContractTemplateRow | undefined> {
  return updateVersioned(db, contractTemplate, id, version, set);
}

/* ------------------------------------------------------------------ archive settings */

export async function findArchiveSettings(db: Db): Promise<ContractArchiveSettingsRow | undefined> {
  const [row] = await db.select().from(contractArchiveSettings).where(eq(contractArchiveSettings.id, 1));
  return row;
}

export async function insertArchiveSettingsIfMissing(db: Db, row: typeof contractArchiveSettings.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(contractArchiveSettings).values(row).onConflictDoNothing().returning({ id: contractArchiveSettings.id });
  return inserted.length > 0;
}

export async function updateArchiveSettings(
  db: Db,
  version: number,
  set: Pick<ContractArchiveSettingsRow, 'settings' | 'updatedAt' | 'updatedBy'>,
): Promise<ContractArchiveSettingsRow | undefined> {
  const [row] = await db
    .update(contractArchiveSettings)
    .set({ ...set, version: sql`${contractArchiveSettings.version} + 1` })
    .where(and(eq(contractArchiveSettings.id, 1), eq(contractArchiveSettings.version, version)))
    .returning();
  return row;
}
