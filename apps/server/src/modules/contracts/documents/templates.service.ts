import {
  Permission,
  type TContractTemplate,
  type TContractTemplateCreateFields,
  type TContractTemplateUpdate,
  type TContractType,
} from '@crm/contracts';
import { Readable } from 'node:stream';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { People } from '../../admin/index.ts';
import { buildDefaultTemplateDocx, DEFAULT_TEMPLATE_FILE_NAME, DEFAULT_TEMPLATE_NAME } from './default-template.ts';
import { inspectTemplate, TemplateProblem, unknownPlaceholders, type TemplateInspection } from './docx-template.ts';
import { ContractDocumentErrorCode } from './documents.errors.ts';
import * as repo from './documents.repository.ts';
import { DOCX_TYPE, readStoredFile } from './stored-files.ts';

export type TemplateUpload = { name: string; content: Buffer };

/**
 * 合同模板: docx templates of the contract text. Templates are configuration, not business records
 * of a person: everyone who may read contracts sees the active ones, managers see all.
 */
export function createTemplateService(deps: { db: Db; clock: Clock; files: Pick<FileService, 'upload' | 'open'>; people: People }) {
  const { db, clock } = deps;

  async function toDtos(rows: repo.ContractTemplateRow[]): Promise<TContractTemplate[]> {
    const versions = await repo.listTemplateVersions(
      db,
      rows.map((r) => r.id),
    );
    const names = await deps.people.summaries(versions.map((v) => v.uploadedBy));
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      contractType: t.contractType,
      description: t.description,
      isActive: t.isActive,
      isBuiltin: t.isBuiltin,
      currentVersionNo: t.currentVersionNo,
      versions: versions
        .filter((v) => v.templateId === t.id)
        .map((v) => ({
          versionNo: v.versionNo,
          fileId: v.fileId,
          fileName: v.fileName,
          size: v.size,
          placeholders: v.placeholders,
          unknownPlaceholders: unknownPlaceholders(v.placeholders),
          uploadedAt: iso(v.uploadedAt),
          uploadedByName: v.uploadedBy ? (names.get(v.uploadedBy)?.displayName ?? null) : null,
        })),
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
      version: t.version,
    }));
  }

  async function getDto(id: string): Promise<TContractTemplate> {
    const row = await repo.findTemplate(db, id);
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    return (await toDtos([row]))[0]!;
  }

  /** Parses the docx and stores it; a file docxtemplater cannot read is refused with its problems. */
  async function checkAndStore(
    actor: Actor,
    file: TemplateUpload,
  ): Promise<{ stored: { id: string; name: string; size: number }; inspection: TemplateInspection }> {
    let inspection: TemplateInspection;
    try {
      inspection = inspectTemplate(file.content);
    } catch (err) {
      if (!(err instanceof TemplateProblem)) throw err;
      throw new AppError(ContractDocumentErrorCode.CONTRACT_TEMPLATE_INVALID, {
        params: { problem: err.problems.slice(0, 5).join('; ') },
        fields: [{ path: 'file', code: 'invalid', message: err.problems.slice(0, 5).join('; ') }],
      });
    }
    const stored = await deps.files.upload(actor, file, { allowedTypes: [DOCX_TYPE, 'application/zip'] });
    return { stored, inspection };
  }

  return {
    /** At every start: the built-in template, when it is not there yet. */
    async prepare(): Promise<void> {
      if (await repo.findBuiltinTemplate(db)) return;
      const system = asSystem('contract-template.builtin');
      const content = buildDefaultTemplateDocx();
      const inspection = inspectTemplate(content);
      const stored = await deps.files.upload(
        system,
        { name: DEFAULT_TEMPLATE_FILE_NAME, content },
        { allowedTypes: [DOCX_TYPE, 'application/zip'] },
      );
      await withTx(db, async (tx) => {
        if (await repo.findBuiltinTemplate(tx)) return;
        const template = await repo.insertTemplate(tx, {
          name: DEFAULT_TEMPLATE_NAME,
          contractType: null,
          description: '随系统提供的产品购销合同模板：表头、双方、产品明细表、付款条款、交货、质保、违约责任、签章。',
          isBuiltin: true,
          currentVersionNo: 1,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
        await repo.insertTemplateVersion(tx, {
          templateId: template.id,
          versionNo: 1,
          fileId: stored.id,
          fileName: stored.name,
          size: stored.size,
          placeholders: inspection.placeholders,
          uploadedAt: clock.now(),
        });
        await writeAudit(tx, system, { action: 'contract.template.builtin', entityType: 'contract_template', entityId: template.id });
      });
    },

    async list(actor: Actor, query: { contractType?: TContractType }): Promise<TContractTemplate[]> {
      const manage = hasPermission(actor, Permission.contractTemplateManage);
      return toDtos(await repo.listTemplates(db, { activeOnly: !manage, contractType: query.contractType }));
    },

    async create(actor: Actor, fields: TContractTemplateCreateFields, file: TemplateUpload): Promise<TContractTemplate> {
      const { stored, inspection } = await checkAndStore(actor, file);
      const id = await withTx(db, async (tx) => {
        const now = clock.now();
        const template = await repo.insertTemplate(tx, {
          name: fields.name,
          contractType: fields.contractType ?? null,
          description: fields.description || null,
          currentVersionNo: 1,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await repo.insertTemplateVersion(tx, {
          templateId: template.id,
          versionNo: 1,
          fileId: stored.id,
          fileName: stored.name,
          size: stored.size,
          placeholders: inspection.placeholders,
          uploadedBy: actor.userId,
          uploadedAt: now,
        });
        await writeAudit(tx, actor, {
          action: 'contract.template.create',
          entityType: 'contract_template',
          entityId: template.id,
          after: { name: template.name, contractType: template.contractType, fileName: stored.name, placeholders: inspection.placeholders },
        });
        return template.id;
      });
      return getDto(id);
    },

    async addVersion(actor: Actor, id: string, file: TemplateUpload): Promise<TContractTemplate> {
      const existing = await repo.findTemplate(db, id);
      if (!existing) throw new AppError(CommonError.NOT_FOUND);
      if (existing.isBuiltin) throw new AppError(ContractDocumentErrorCode.CONTRACT_TEMPLATE_BUILTIN);
      const { stored, inspection } = await checkAndStore(actor, file);
      await withTx(db, async (tx) => {
        const template = await repo.findTemplate(tx, id, { lock: true });
        if (!template) throw new AppError(CommonError.NOT_FOUND);
        const versionNo = template.currentVersionNo + 1;
        const now = clock.now();
        await repo.insertTemplateVersion(tx, {
          templateId: id,
          versionNo,
          fileId: stored.id,
          fileName: stored.name,
          size: stored.size,
          placeholders: inspection.placeholders,
          uploadedBy: actor.userId,
          uploadedAt: now,
        });
        await repo.updateTemplate(tx, id, template.version, { currentVersionNo: versionNo, updatedAt: now, updatedBy: actor.userId });
        await writeAudit(tx, actor, {
          action: 'contract.template.version',
          entityType: 'contract_template',
          entityId: id,
          before: { currentVersionNo: template.currentVersionNo },
          after: { currentVersionNo: versionNo },
          meta: { fileName: stored.name, placeholders: inspection.placeholders },
        });
      });
      return getDto(id);
    },

    async update(actor: Actor, id: string, input: TContractTemplateUpdate): Promise<TContractTemplate> {
      await withTx(db, async (tx) => {
        const before = await repo.findTemplate(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        const { version, ...changes } = input;
        const row = await repo.updateTemplate(tx, id, version, { ...changes, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.template.update',
          entityType: 'contract_template',
          entityId: id,
          before: { name: before.name, contractType: before.contractType, description: before.description, isActive: before.isActive },
          after: { name: row.name, contractType: row.contractType, description: row.description, isActive: row.isActive },
        });
      });
      return getDto(id);
    },

    /** Downloads a version of a template file (for editing it in Word). */
    async open(actor: Actor, id: string, versionNo: number): Promise<{ file: { name: string; mimeType: string }; stream: Readable }> {
      const template = await repo.findTemplate(db, id);
      if (!template || (!template.isActive && !hasPermission(actor, Permission.contractTemplateManage)))
        throw new AppError(CommonError.NOT_FOUND);
      const v = await repo.findTemplateVersion(db, id, versionNo);
      if (!v) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'contract.template.download',
        entityType: 'contract_template',
        entityId: id,
        meta: { versionNo },
      });
      const content = await readStoredFile(deps.files, v.fileId, 'contract-template');
      return { file: { name: v.fileName, mimeType: DOCX_TYPE }, stream: Readable.from([content]) };
    },

    /** The current file of an active template usable for a contract of this type, for generation. */
    async forGeneration(
      id: string,
      type: TContractType,
    ): Promise<{ template: repo.ContractTemplateRow; versionNo: number; content: Buffer }> {
      const template = await repo.findTemplate(db, id);
      if (!template) throw new AppError(CommonError.NOT_FOUND);
      if (!template.isActive) throw new AppError(ContractDocumentErrorCode.CONTRACT_TEMPLATE_INACTIVE);
      if (template.contractType && template.contractType !== type) {
        throw new AppError(ContractDocumentErrorCode.CONTRACT_TEMPLATE_TYPE_MISMATCH, { params: { type: template.contractType } });
      }
      const v = await repo.findTemplateVersion(db, id, template.currentVersionNo);
      if (!v) throw new AppError(CommonError.NOT_FOUND);
      return { template, versionNo: v.versionNo, content: await readStoredFile(deps.files, v.fileId, 'contract-template') };
    },
  };
}
export type TemplateService = ReturnType<typeof createTemplateService>;
