import type { TContract, TContractType } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { JobDefinition } from '../../../kernel/jobs/jobs.ts';
import type { Kernel } from '../../../kernel/kernel.ts';
import { addDefaultGrants, type People } from '../../admin/index.ts';
import { createArchiveSettingsService } from './archive-settings.service.ts';
import { createArchiveService, type ArchiveStatusCore } from './archive.service.ts';
import { seedDemoArchive } from './demo-archive.ts';
import { contractDocumentJobs } from './documents.jobs.ts';
import { CONTRACT_DOCUMENT_GRANTS } from './documents.messages.ts';
import { contractDocumentRoutes } from './documents.routes.ts';
import { createDocumentService } from './documents.service.ts';
import { createTemplateService } from './templates.service.ts';

export { ContractDocumentErrorCode } from './documents.errors.ts';
export type { ArchiveStatusCore } from './archive.service.ts';

/** What the contracts core asks of the archive, in its own transaction. */
export interface ContractDocumentsApi {
  /** Whether the archive holds a signed original (a contract is signed only with one). */
  hasSignedOriginal(tx: Db, contractId: string): Promise<boolean>;
  /** The kinds the contract's type requires, those present, those missing. */
  archiveStatus(tx: Db, contractId: string, type: TContractType): Promise<ArchiveStatusCore>;
}

/**
 * 合同文档与档案归档: typed documents with versions, docx templates and the generated contract
 * text, the archive's required kinds per contract type, the merged archive PDF, the daily warning.
 * See docs/contract-documents.md.
 */
export function createContractDocumentsFeature(
  k: Kernel,
  deps: { people: People; getContract(actor: Actor, id: string): Promise<TContract> },
): {
  routes: FastifyPluginAsync;
  jobs: JobDefinition[];
  prepare(): Promise<void>;
  /** Demo data: the archive of the demo contracts just seeded. */
  seedDemo(): Promise<void>;
  api: ContractDocumentsApi;
} {
  addDefaultGrants(CONTRACT_DOCUMENT_GRANTS);
  const settings = createArchiveSettingsService({ db: k.db, clock: k.clock });
  const templates = createTemplateService({ db: k.db, clock: k.clock, files: k.files, people: deps.people });
  const archive = createArchiveService({ db: k.db, clock: k.clock, files: k.files, notifications: k.notifications, settings });
  const documents = createDocumentService({
    db: k.db,
    clock: k.clock,
    files: k.files,
    people: deps.people,
    archive,
    templates,
    getContract: (actor, id) => deps.getContract(actor, id),
  });
  const jobs = contractDocumentJobs({ archive });
  return {
    routes: contractDocumentRoutes({ documents, templates, archive, settings, defaultLocale: k.config.defaultLocale }),
    jobs: jobs.all,
    async prepare() {
      await settings.prepare();
      await templates.prepare();
    },
    seedDemo: () => seedDemoArchive({ db: k.db, documents, settings }),
    api: {
      hasSignedOriginal: (tx, contractId) => archive.hasSignedOriginal(tx, contractId),
      archiveStatus: (tx, contractId, type) => archive.statusCore(tx, contractId, type),
    },
  };
}
export type ContractDocumentsFeature = ReturnType<typeof createContractDocumentsFeature>;
