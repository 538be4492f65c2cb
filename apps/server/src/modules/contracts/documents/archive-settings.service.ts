import {
  DEFAULT_CONTRACT_ARCHIVE_SETTINGS,
  type TContractArchiveSettings,
  type TContractArchiveSettingsResponse,
  type TContractArchiveSettingsUpdate,
  type TContractDocumentKind,
  type TContractType,
} from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import * as repo from './documents.repository.ts';

/** The archive requirements: the documents each contract type must have, and within how many days of signing. */
export function createArchiveSettingsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function current(from: Db = db): Promise<repo.ContractArchiveSettingsRow> {
    const row = await repo.findArchiveSettings(from);
    if (!row) throw new Error('Contract archive settings are missing: the documents feature was not prepared');
    return row;
  }

  const dto = (row: repo.ContractArchiveSettingsRow): TContractArchiveSettingsResponse => ({ ...row.settings, version: row.version });

  return {
    async prepare(): Promise<void> {
      await withTx(db, (tx) =>
        repo.insertArchiveSettingsIfMissing(tx, { id: 1, settings: DEFAULT_CONTRACT_ARCHIVE_SETTINGS, updatedAt: clock.now() }),
      );
    },

    async settings(from: Db = db): Promise<TContractArchiveSettings> {
      return (await current(from)).settings;
    },

    async requiredKinds(from: Db, type: TContractType): Promise<TContractDocumentKind[]> {
      return [...((await current(from)).settings.requiredKinds[type] ?? [])];
    },

    async get(): Promise<TContractArchiveSettingsResponse> {
      return dto(await current());
    },

    async update(actor: Actor, input: TContractArchiveSettingsUpdate): Promise<TContractArchiveSettingsResponse> {
      const { version, ...settings } = input;
      const normalised: TContractArchiveSettings = {
        archiveWithinDays: settings.archiveWithinDays,
        requiredKinds: {
          standard: [...new Set(settings.requiredKinds.standard)],
          framework: [...new Set(settings.requiredKinds.framework)],
          non_standard: [...new Set(settings.requiredKinds.non_standard)],
          overseas: [...new Set(settings.requiredKinds.overseas)],
        },
      };
      return withTx(db, async (tx) => {
        const before = await current(tx);
        const row = await repo.updateArchiveSettings(tx, version, {
          settings: normalised,
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.archive_settings.update',
          entityType: 'contract_archive_settings',
          entityId: null,
          before: before.settings,
          after: row.settings,
        });
        return dto(row);
      });
    },
  };
}
export type ArchiveSettingsService = ReturnType<typeof createArchiveSettingsService>;
