import { ZWellKnownPanelKeys, type TCustomerPanel, type TCustomerPanels } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import * as customers from '../customers.repository.ts';

/** Items per panel on the 360 page; the panel's module links to the full list. */
export const PANEL_ITEMS = 5;

/** Where the well-known panels stand when no module has registered them yet. */
const WELL_KNOWN_ORDER = new Map<string, number>(ZWellKnownPanelKeys.map((key, i) => [key, (i + 1) * 10]));

/**
 * The 360 page's panels: each registered extension's records of the customer (the extension
 * applies its own data scope), and for the well-known keys nobody provides yet `available: false`.
 */
export function createPanelService(deps: { db: Db; extensions: Pick<CustomerExtensions, 'list'> }) {
  return {
    async get(actor: Actor, customerId: string): Promise<TCustomerPanels> {
      const row = await customers.findCustomer(deps.db, customerId, scopeFilter(actor, customers.customerScopeColumns));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      const registered = deps.extensions.list().filter((e) => e.panel);
      const entries: { key: string; order: number; load: () => Promise<TCustomerPanel> }[] = registered.map((ext) => ({
        key: ext.key,
        order: ext.order,
        load: async () => {
          const page = await ext.panel!(actor, customerId, { limit: PANEL_ITEMS });
          return { key: ext.key, available: true, total: page.total, items: page.items.slice(0, PANEL_ITEMS) };
        },
      }));
      for (const [key, order] of WELL_KNOWN_ORDER) {
        if (!registered.some((e) => e.key === key)) {
          entries.push({ key, order, load: async () => ({ key, available: false, total: 0, items: [] }) });
        }
      }
      entries.sort((a, b) => a.order - b.order);
      const panels = await Promise.all(entries.map((e) => e.load()));
      await writeReadAudit(deps.db, actor, {
        action: 'customer.panels.read',
        entityType: 'customer',
        entityId: customerId,
        meta: { panels: panels.filter((p) => p.available).map((p) => p.key) },
      });
      return { customerId, panels };
    },
  };
}
export type PanelService = ReturnType<typeof createPanelService>;
