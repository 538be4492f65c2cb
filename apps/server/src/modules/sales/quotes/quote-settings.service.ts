import type { TQuoteCompany, TQuoteSettings, TUpdateQuoteSettings } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { validatePattern } from '../../../kernel/numbering/numbering.ts';
import { Money } from '../../../kernel/money.ts';
import { DEFAULT_DISCOUNT_LIMITS, type DiscountLimitRow } from './quote-approval-rules.ts';
import { QuoteErrorCode } from './quotes.errors.ts';
import * as repo from './quotes.repository.ts';

export const DEFAULT_QUOTE_SETTINGS = {
  numberPattern: 'BJ{yyyy}{mm}-{seq:5}',
  validityDays: 30,
  companyName: '华能智电科技集团有限公司',
  companyAddress: '江苏省南京市江宁区智电大道 88 号',
  companyPhone: '025-8888 6666',
  companyTaxId: '91320115MA1XYZ8888',
} as const;

function settingsDto(row: repo.QuoteSettingsRow, limits: repo.QuoteDiscountLimitRow[]): TQuoteSettings {
  return {
    numberPattern: row.numberPattern,
    validityDays: row.validityDays,
    companyName: row.companyName,
    companyAddress: row.companyAddress,
    companyPhone: row.companyPhone,
    companyTaxId: row.companyTaxId,
    discountLimits: limits.map((l) => ({
      roleCode: l.roleCode,
      customerGrade: (l.customerGrade as TQuoteSettings['discountLimits'][number]['customerGrade']) ?? null,
      maxDiscountPercent: new Money(l.maxDiscountPercent).toFixed(),
    })),
    version: row.version,
  };
}

/** Numbering, validity, the company header and the discount limits per role (and customer grade). */
export function createQuoteSettingsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function current(from: Db = db): Promise<repo.QuoteSettingsRow> {
    const row = await repo.findSettings(from);
    if (!row) throw new Error('Quote settings are missing: the quotes feature was not prepared');
    return row;
  }

  return {
    /** At every start: the settings row and, when it is new, the default discount limits. */
    async prepare(): Promise<void> {
      await withTx(db, async (tx) => {
        const inserted = await repo.insertSettingsIfMissing(tx, { id: 1, ...DEFAULT_QUOTE_SETTINGS, updatedAt: clock.now() });
        if (inserted) await repo.replaceDiscountLimits(tx, [...DEFAULT_DISCOUNT_LIMITS]);
      });
    },

    current,

    async discountLimits(from: Db = db): Promise<DiscountLimitRow[]> {
      return (await repo.listDiscountLimits(from)).map((l) => ({
        roleCode: l.roleCode,
        customerGrade: l.customerGrade,
        maxDiscountPercent: l.maxDiscountPercent,
      }));
    },

    async company(): Promise<TQuoteCompany> {
      const row = await current();
      return {
        companyName: row.companyName,
        companyAddress: row.companyAddress,
        companyPhone: row.companyPhone,
        companyTaxId: row.companyTaxId,
      };
    },

    async get(): Promise<TQuoteSettings> {
      const [row, limits] = await Promise.all([current(), repo.listDiscountLimits(db)]);
      return settingsDto(row, limits);
    },

    async update(actor: Actor, input: TUpdateQuoteSettings): Promise<TQuoteSettings> {
      const problem = validatePattern(input.numberPattern);
      if (problem) {
        throw new AppError(QuoteErrorCode.QUOTE_SETTINGS_INVALID, {
          params: { problem },
          fields: [{ path: 'numberPattern', code: 'invalid', message: problem }],
        });
      }
      const keys = input.discountLimits.map((l) => `${l.roleCode}/${l.customerGrade ?? ''}`);
      const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i);
      if (twice >= 0) {
        throw new AppError(QuoteErrorCode.QUOTE_SETTINGS_INVALID, {
          params: { problem: keys[twice] },
          fields: [{ path: `discountLimits.${twice}`, code: 'duplicate', messageKey: 'error.QUOTE_SETTINGS_INVALID' }],
        });
      }
      return withTx(db, async (tx) => {
        const before = settingsDto(await current(tx), await repo.listDiscountLimits(tx));
        const { version, discountLimits, ...fields } = input;
        const row = await repo.updateSettings(tx, version, { ...fields, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await repo.replaceDiscountLimits(
          tx,
          discountLimits.map((l) => ({ roleCode: l.roleCode, customerGrade: l.customerGrade, maxDiscountPercent: l.maxDiscountPercent })),
        );
        const after = settingsDto(row, await repo.listDiscountLimits(tx));
        await writeAudit(tx, actor, { action: 'quote.settings.update', entityType: 'quote_settings', entityId: null, before, after });
        return after;
      });
    },
  };
}
export type QuoteSettingsService = ReturnType<typeof createQuoteSettingsService>;
