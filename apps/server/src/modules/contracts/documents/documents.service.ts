import type { Readable } from 'node:stream';
import {
  Permission,
  type TContract,
  type TContractDocument,
  type TContractDocumentGenerate,
  type TContractDocumentList,
  type TContractDocumentUploadFields,
} from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import { translate } from '../../../kernel/i18n.ts';
import type { People } from '../../admin/index.ts';
import { contractScopeColumns, findContract, type ContractRow } from '../contracts.repository.ts';
import type { ArchiveService } from './archive.service.ts';
import { renderTemplate, TemplateProblem } from './docx-template.ts';
import { ContractDocumentErrorCode } from './documents.errors.ts';
import * as repo from './documents.repository.ts';
import { DOCX_TYPE } from './stored-files.ts';
import { contractTemplateData } from './template-data.ts';
import type { TemplateService } from './templates.service.ts';

export type DocumentUpload = { name: string; content: Buffer };

/** A title from the file name when none is given: "合同扫描件.pdf" → "合同扫描件". */
const titleOf = (fileName: string) => fileName.replace(/\.[^.]{1,8}$/, '').trim() || fileName;

/**
 * The documents of a contract's archive: typed uploads with versions, the contract text generated
 * from a template, downloads. Every call first finds the contract through the actor's data scope.
 */
export function createDocumentService(deps: {
  db: Db;
  clock: Clock;
  files: Pick<FileService, 'upload' | 'open'>;
  people: People;
  archive: Pick<ArchiveService, 'status'>;
  templates: Pick<TemplateService, 'forGeneration'>;
  getContract(actor: Actor, id: string): Promise<TContract>;
}) {
  const { db, clock } = deps;

  async function visibleContract(from: Db, actor: Actor, id: string): Promise<ContractRow> {
    const c = await findContract(from, id, scopeFilter(actor, contractScopeColumns));
    if (!c) throw new AppError(CommonError.NOT_FOUND);
    return c;
  }

  async function toDtos(documents: repo.ContractDocumentRow[]): Promise<TContractDocument[]> {
    const versions = await repo.listVersions(
      db,
      documents.map((d) => d.id),
    );
    const [names, templateNames] = await Promise.all([
      deps.people.summaries([...versions.map((v) => v.uploadedBy), ...documents.map((d) => d.createdBy)]),
      repo.listTemplateNames(
        db,
        versions.map((v) => v.templateId).filter((id): id is string => id !== null),
      ),
    ]);
    const nameOf = (id: string | null) => (id ? (names.get(id)?.displayName ?? null) : null);
    return documents.map((d) => ({
      id: d.id,
      contractId: d.contractId,
      kind: d.kind,
      title: d.title,
      source: d.source,
      currentVersionNo: d.currentVersionNo,
      versions: versions
        .filter((v) => v.documentId === d.id)
        .map((v) => ({
          id: v.id,
          versionNo: v.versionNo,
          fileId: v.fileId,
          fileName: v.fileName,
          contentType: v.contentType,
          size: v.size,
          uploadedById: v.uploadedBy,
          uploadedByName: nameOf(v.uploadedBy),
          uploadedAt: iso(v.uploadedAt),
          templateId: v.templateId,
          templateName: v.templateId ? (templateNames.get(v.templateId) ?? null) : null,
          templateVersionNo: v.templateVersionNo,
          note: v.note,
        })),
      createdAt: iso(d.createdAt),
      createdByName: nameOf(d.createdBy),
      updatedAt: iso(d.updatedAt),
      version: d.version,
    }));
  }

  async function one(contractId: string, documentId: string): Promise<TContractDocument> {
    const d = await repo.findDocument(db, contractId, documentId);
    if (!d) throw new AppError(CommonError.NOT_FOUND);
    return (await toDtos([d]))[0]!;
  }

  /** Adds a stored file as the next version of a document the caller has locked. */
  async function addVersionRow(
    tx: Db,
    actor: Actor,
    d: repo.ContractDocumentRow,
    stored: { id: string; name: string; mimeType: string; size: number },
    extra: { note?: string | null; templateId?: string; templateVersionNo?: number },
  ): Promise<number> {
    const versionNo = d.currentVersionNo + 1;
    const now = clock.now();
    await repo.insertVersion(tx, {
      documentId: d.id,
      versionNo,
      fileId: stored.id,
      fileName: stored.name,
      contentType: stored.mimeType,
      size: stored.size,
      uploadedBy: actor.userId,
      uploadedAt: now,
      templateId: extra.templateId ?? null,
      templateVersionNo: extra.templateVersionNo ?? null,
      note: extra.note || null,
    });
    await repo.setCurrentVersion(tx, d.id, versionNo, actor.userId, now);
    return versionNo;
  }

  return {
    async list(actor: Actor, contractId: string): Promise<TContractDocumentList> {
      const c = await visibleContract(db, actor, contractId);
      const [items, archive] = await Promise.all([toDtos(await repo.listDocuments(db, contractId)), deps.archive.status(db, c)]);
      await writeReadAudit(db, actor, { action: 'contract.documents.read', entityType: 'contract', entityId: contractId });
      return { items, archive, canDelete: c.status === 'draft' && hasPermission(actor, Permission.contractDocumentWrite) };
    },

    async upload(
      actor: Actor,
      contractId: string,
      fields: TContractDocumentUploadFields,
      file: DocumentUpload,
    ): Promise<TContractDocument> {
      await visibleContract(db, actor, contractId);
      const stored = await deps.files.upload(actor, file);
      const documentId = await withTx(db, async (tx) => {
        await visibleContract(tx, actor, contractId);
        const now = clock.now();
        const d = await repo.insertDocument(tx, {
          contractId,
          kind: fields.kind,
          title: fields.title || titleOf(stored.name),
          source: 'uploaded',
          currentVersionNo: 0,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await addVersionRow(tx, actor, d, stored, { note: fields.note });
        await writeAudit(tx, actor, {
          action: 'contract.document.upload',
          entityType: 'contract',
          entityId: contractId,
          after: { documentId: d.id, kind: d.kind, title: d.title, fileName: stored.name, versionNo: 1, sha256: stored.sha256 },
        });
        return d.id;
      });
      return one(contractId, documentId);
    },

    /**
     * Demo data: documents of demo contracts stored as the system's uploads, all in one transaction
     * (the files first, outside it). No scope or status checks: only the seed calls this.
     */
    async seedDemoDocuments(
      items: readonly { contractId: string; kind: repo.ContractDocumentKind; title: string; file: DocumentUpload }[],
    ): Promise<void> {
      const system = asSystem('seed');
      const stored: Awaited<ReturnType<FileService['upload']>>[] = [];
      for (const item of items) stored.push(await deps.files.upload(system, item.file));
      await withTx(db, async (tx) => {
        const now = clock.now();
        for (const [i, item] of items.entries()) {
          const d = await repo.insertDocument(tx, {
            contractId: item.contractId,
            kind: item.kind,
            title: item.title,
            source: 'uploaded',
            currentVersionNo: 0,
            createdAt: now,
            updatedAt: now,
          });
          await addVersionRow(tx, system, d, stored[i]!, {});
        }
        await writeAudit(tx, system, { action: 'contract.document.seed', entityType: 'contract', meta: { documents: items.length } });
      });
    },

    async addVersion(
      actor: Actor,
      contractId: string,
      documentId: string,
      note: string | undefined,
      file: DocumentUpload,
    ): Promise<TContractDocument> {
      await visibleContract(db, actor, contractId);
      if (!(await repo.findDocument(db, contractId, documentId))) throw new AppError(CommonError.NOT_FOUND);
      const stored = await deps.files.upload(actor, file);
      await withTx(db, async (tx) => {
        await visibleContract(tx, actor, contractId);
        const d = await repo.findDocument(tx, contractId, documentId, { lock: true });
        if (!d) throw new AppError(CommonError.NOT_FOUND);
        const versionNo = await addVersionRow(tx, actor, d, stored, { note });
        await writeAudit(tx, actor, {
          action: 'contract.document.version',
          entityType: 'contract',
          entityId: contractId,
          before: { documentId, currentVersionNo: d.currentVersionNo },
          after: { documentId, currentVersionNo: versionNo, fileName: stored.name, sha256: stored.sha256 },
        });
      });
      return one(contractId, documentId);
    },

    /** A version's file (the current one without `versionNo`); the read is audited. */
    async download(
      actor: Actor,
      contractId: string,
      documentId: string,
      versionNo?: number,
    ): Promise<{ file: { name: string; mimeType: string }; stream: Readable }> {
      await visibleContract(db, actor, contractId);
      const d = await repo.findDocument(db, contractId, documentId);
      if (!d) throw new AppError(CommonError.NOT_FOUND);
      const v = await repo.findVersion(db, documentId, versionNo ?? d.currentVersionNo);
      if (!v) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, {
        action: 'contract.document.download',
        entityType: 'contract',
        entityId: contractId,
        meta: { documentId, versionNo: v.versionNo, fileName: v.fileName },
      });
      // The contract's scope was checked above; the file's own (uploader) scope does not apply.
      const opened = await deps.files.open(asSystem('contract-document'), v.fileId);
      return { file: { name: v.fileName, mimeType: v.contentType }, stream: opened.stream };
    },

    /** Only while the contract is a draft: later, a wrong file is replaced by a new version. */
    async remove(actor: Actor, contractId: string, documentId: string): Promise<void> {
      await withTx(db, async (tx) => {
        const c = await visibleContract(tx, actor, contractId);
        const d = await repo.findDocument(tx, contractId, documentId, { lock: true });
        if (!d) throw new AppError(CommonError.NOT_FOUND);
        if (c.status !== 'draft') throw new AppError(ContractDocumentErrorCode.CONTRACT_DOCUMENT_DELETE_NOT_DRAFT);
        await repo.deleteDocument(tx, documentId);
        await writeAudit(tx, actor, {
          action: 'contract.document.delete',
          entityType: 'contract',
          entityId: contractId,
          before: { documentId, kind: d.kind, title: d.title, currentVersionNo: d.currentVersionNo },
        });
      });
    },

    /** Renders the template with the contract and stores the result as the next version of the contract's generated text. */
    async generate(actor: Actor, contractId: string, input: TContractDocumentGenerate): Promise<TContractDocument> {
      const c = await visibleContract(db, actor, contractId);
      const source = await deps.templates.forGeneration(input.templateId, c.type);
      const contract = await deps.getContract(actor, contractId);
      let content: Buffer;
      try {
        content = renderTemplate(source.content, contractTemplateData(contract, { today: clock.today() }));
      } catch (err) {
        if (!(err instanceof TemplateProblem)) throw err;
        throw new AppError(ContractDocumentErrorCode.CONTRACT_TEMPLATE_RENDER_FAILED, {
          params: { problem: err.problems.slice(0, 3).join('; ') },
        });
      }
      const number = contract.number ?? translate(actor.locale, 'contractDocuments.unnumbered');
      const name = translate(actor.locale, 'contractDocuments.generatedFileName', { number });
      const stored = await deps.files.upload(actor, { name, content }, { allowedTypes: [DOCX_TYPE, 'application/zip'] });
      const documentId = await withTx(db, async (tx) => {
        await visibleContract(tx, actor, contractId);
        const now = clock.now();
        const { document: d } = await repo.lockGeneratedDocument(tx, {
          contractId,
          kind: 'contract_text',
          title: translate(actor.locale, 'contractDocuments.generatedTitle'),
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        const versionNo = await addVersionRow(
          tx,
          actor,
          d,
          { ...stored, mimeType: DOCX_TYPE },
          {
            note: input.note,
            templateId: source.template.id,
            templateVersionNo: source.versionNo,
          },
        );
        await writeAudit(tx, actor, {
          action: 'contract.document.generate',
          entityType: 'contract',
          entityId: contractId,
          after: {
            documentId: d.id,
            versionNo,
            templateId: source.template.id,
            templateVersionNo: source.versionNo,
            fileName: stored.name,
          },
        });
        return d.id;
      });
      return one(contractId, documentId);
    },
  };
}
export type DocumentService = ReturnType<typeof createDocumentService>;
