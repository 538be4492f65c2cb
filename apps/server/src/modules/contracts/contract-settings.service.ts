import type { TContractSettings } from '@crm/contracts';
import { Permission, ZContractSettings } from '@crm/contracts';
import { requirePermission } from '../../kernel/access/access.ts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { Money } from '../../kernel/money.ts';
import { validatePattern } from '../../kernel/numbering/numbering.ts';
import { DEFAULT_CONTRACT_SETTINGS } from './contract-review.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import * as repo from './contracts.repository.ts';

/** Numbering and the review rules' thresholds: one row, validated as a whole. */
export function createContractSettingsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function current(from: Db = db): Promise<TContractSettings> {
    const row = await repo.findSettings(from);
    if (!row) throw new Error('Contract settings are missing: the contracts module was not prepared');
    // Settings saved by an older release may lack newer keys: the defaults fill them.
    return { ...DEFAULT_CONTRACT_SETTINGS, ...row.settings };
  }

  function validate(settings: TContractSettings): void {
    const problems: { path: string; problem: string }[] = [];
    const pattern = validatePattern(settings.numberPattern);
    if (pattern) problems.push({ path: 'numberPattern', problem: pattern });
    if (new Money(settings.marginBlockPercent).greaterThan(settings.marginWarnPercent))
      problems.push({ path: 'marginBlockPercent', problem: 'block threshold above warn threshold' });
    for (const [i, c] of settings.categories.entries()) {
      if (new Money(c.marginBlockPercent).greaterThan(c.marginWarnPercent))
        problems.push({ path: `categories.${i}.marginBlockPercent`, problem: 'block threshold above warn threshold' });
    }
    const names = settings.categories.map((c) => c.category);
    const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (twice >= 0) problems.push({ path: `categories.${twice}.category`, problem: 'duplicate category' });
    if (problems.length > 0) {
      throw new AppError(ContractErrorCode.CONTRACT_SETTINGS_INVALID, {
        params: { problem: problems.map((p) => `${p.path}: ${p.problem}`).join('; ') },
        fields: problems.map((p) => ({ path: `settings.${p.path}`, code: 'invalid', message: p.problem })),
      });
    }
  }

  return {
    async prepare(): Promise<void> {
      await repo.insertSettingsIfMissing(db, { id: 1, settings: DEFAULT_CONTRACT_SETTINGS, updatedAt: clock.now() });
    },

    current,

    async get(actor: Actor): Promise<{ settings: TContractSettings; version: number }> {
      requirePermission(actor, Permission.contractRead);
      const row = await repo.findSettings(db);
      return { settings: await current(), version: row?.version ?? 1 };
    },

    async update(
      actor: Actor,
      input: { settings: TContractSettings; version: number },
    ): Promise<{ settings: TContractSettings; version: number }> {
      requirePermission(actor, Permission.contractSettings);
      const settings = ZContractSettings.parse(input.settings);
      validate(settings);
      return withTx(db, async (tx) => {
        const before = await current(tx);
        const row = await repo.updateSettings(tx, input.version, { settings, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.settings.update',
          entityType: 'contract_settings',
          entityId: null,
          before,
          after: settings,
        });
        return { settings: row.settings, version: row.version };
      });
    },
  };
}
export type ContractSettingsService = ReturnType<typeof createContractSettingsService>;
