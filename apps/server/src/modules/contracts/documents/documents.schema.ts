import type { TContractArchiveSettings } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../../kernel/db/columns.ts';
import { CONTRACT_TYPES, contract } from '../contracts.schema.ts';

export const CONTRACT_DOCUMENT_KINDS = [
  'bid_award_notice',
  'signed_original',
  'technical_agreement',
  'commercial_attachment',
  'acceptance_note',
  'contract_text',
  'other',
] as const;

/**
 * A document of a contract's archive (档案): a kind, a title and its versions. Uploaded documents
 * get a version per upload; the generated contract text is one document per contract whose
 * versions are the successive generations.
 */
export const contractDocument = pgTable(
  'contract_document',
  {
    ...recordColumns(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contract.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CONTRACT_DOCUMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    source: text('source', { enum: ['uploaded', 'generated'] })
      .notNull()
      .default('uploaded'),
    currentVersionNo: integer('current_version_no').notNull().default(1),
  },
  (t) => [
    index('contract_document_contract_idx').on(t.contractId, t.kind),
    // One generated contract text per contract: concurrent generations add versions to it.
    uniqueIndex('contract_document_generated_key')
      .on(t.contractId)
      .where(sql`${t.source} = 'generated'`),
  ],
);

/** One stored file of a document. Files live in the kernel's content-hashed storage. */
export const contractDocumentVersion = pgTable(
  'contract_document_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => contractDocument.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    fileId: uuid('file_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamptz('uploaded_at').notNull().defaultNow(),
    templateId: uuid('template_id'),
    templateVersionNo: integer('template_version_no'),
    note: text('note'),
  },
  (t) => [uniqueIndex('contract_document_version_no_key').on(t.documentId, t.versionNo)],
);

/** A docx template of the contract text (合同模板), for one contract type or any (null). */
export const contractTemplate = pgTable(
  'contract_template',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }),
    description: text('description'),
    isActive: boolean('is_active').notNull().default(true),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    currentVersionNo: integer('current_version_no').notNull().default(1),
  },
  (t) => [
    uniqueIndex('contract_template_name_key').on(t.name),
    uniqueIndex('contract_template_builtin_key')
      .on(t.isBuiltin)
      .where(sql`${t.isBuiltin}`),
  ],
);

export const contractTemplateVersion = pgTable(
  'contract_template_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => contractTemplate.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    fileId: uuid('file_id').notNull(),
    fileName: text('file_name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Every placeholder found when the file was checked (`lines.qty` inside a loop). */
    placeholders: jsonb('placeholders').$type<string[]>().notNull().default([]),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamptz('uploaded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contract_template_version_no_key').on(t.templateId, t.versionNo)],
);

/** One row: the documents each contract type requires in its archive, and the archive-within days. */
export const contractArchiveSettings = pgTable('contract_archive_settings', {
  id: smallint('id').primaryKey().default(1),
  settings: jsonb('settings').$type<TContractArchiveSettings>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** The days on which a contract's owner was warned about its incomplete archive (one warning a day). */
export const contractArchiveWarning = pgTable(
  'contract_archive_warning',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contract.id, { onDelete: 'cascade' }),
    warnedOn: date('warned_on', { mode: 'string' }).notNull(),
    missingKinds: jsonb('missing_kinds').$type<string[]>().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.warnedOn] })],
);
