import type { TGradingSettings, TUpdateGradingSettings } from '@crm/contracts';
import { gradingThresholdIssues, Permission } from '@crm/contracts';
import { requirePermission } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import { toMoneyString } from '../../../kernel/money.ts';
import type { People } from '../../admin/index.ts';
import { DEFAULT_GRADING_SETTINGS, type GradingRuleSettings } from './grading-rule.ts';
import { GradingErrorCode } from './grading.messages.ts';
import * as repo from './grading.repository.ts';

/** The rule's parameters as stored, or the defaults before the settings row exists. */
export async function loadGradingSettings(db: Db): Promise<GradingRuleSettings> {
  const row = await repo.findSettings(db);
  return row
    ? {
        thresholdA: row.thresholdA,
        thresholdB: row.thresholdB,
        thresholdC: row.thresholdC,
        lookbackMonths: row.lookbackMonths,
        overdueCapDays: row.overdueCapDays,
      }
    : DEFAULT_GRADING_SETTINGS;
}

/** The grading rule's thresholds, lookback and overdue cap, kept in the database and changed by administrators. */
export function createGradingSettingsService(deps: { db: Db; clock: Clock; people: Pick<People, 'summaries'> }) {
  const { db, clock } = deps;

  async function toDto(row: repo.GradingSettingsRow): Promise<TGradingSettings> {
    const names = await deps.people.summaries([row.updatedBy]);
    return {
      thresholdA: toMoneyString(row.thresholdA),
      thresholdB: toMoneyString(row.thresholdB),
      thresholdC: toMoneyString(row.thresholdC),
      lookbackMonths: row.lookbackMonths,
      overdueCapDays: row.overdueCapDays,
      version: row.version,
      updatedAt: iso(row.updatedAt),
      updatedByName: row.updatedBy ? (names.get(row.updatedBy)?.displayName ?? null) : null,
    };
  }

  async function current(tx: Db): Promise<repo.GradingSettingsRow> {
    let row = await repo.findSettings(tx);
    if (!row) {
      await repo.insertSettingsIfMissing(tx, { ...DEFAULT_GRADING_SETTINGS, updatedAt: clock.now() });
      row = await repo.findSettings(tx);
    }
    return row!;
  }

  return {
    /** Creates the settings row with the defaults on first start. */
    async prepare(): Promise<void> {
      await repo.insertSettingsIfMissing(db, { ...DEFAULT_GRADING_SETTINGS, updatedAt: clock.now() });
    },

    async get(actor: Actor): Promise<TGradingSettings> {
      requirePermission(actor, Permission.customerGradingSettings);
      return toDto(await current(db));
    },

    async update(actor: Actor, input: TUpdateGradingSettings): Promise<TGradingSettings> {
      requirePermission(actor, Permission.customerGradingSettings);
      const issues = gradingThresholdIssues(input);
      if (issues.length > 0) {
        throw new AppError(GradingErrorCode.GRADING_THRESHOLDS_ORDER, {
          fields: issues.map((path) => ({ path, code: 'order', messageKey: 'error.GRADING_THRESHOLDS_ORDER' })),
        });
      }
      const row = await withTx(db, async (tx) => {
        const before = await current(tx);
        const { version, ...values } = input;
        const saved = await repo.updateSettings(tx, version, {
          ...values,
          thresholdA: toMoneyString(values.thresholdA),
          thresholdB: toMoneyString(values.thresholdB),
          thresholdC: toMoneyString(values.thresholdC),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!saved) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'customer_grading_settings.update',
          entityType: 'customer_grading_settings',
          entityId: '1',
          before,
          after: saved,
        });
        return saved;
      });
      return toDto(row);
    },
  };
}
export type GradingSettingsService = ReturnType<typeof createGradingSettingsService>;
