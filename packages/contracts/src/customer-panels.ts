import { z } from 'zod';
import { ZDecimal, ZId } from './common.ts';

/** Panels of the customer 360 page that the web app knows by name; modules fill them in when they arrive. */
export const ZWellKnownPanelKeys = ['opportunities', 'contracts', 'shipments', 'invoices', 'receipts'] as const;
export type TWellKnownPanelKey = (typeof ZWellKnownPanelKeys)[number];

export const ZCustomerPanelItem = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable().optional(),
  /** A status code of the owning module; the web app translates it under `panels.status.<key>.<code>` when it can. */
  status: z.string().nullable().optional(),
  amount: ZDecimal.nullable().optional(),
  currency: z.string().nullable().optional(),
  /** ISO business date or timestamp. */
  date: z.string().nullable().optional(),
  /** In-app path of the record. */
  href: z.string().nullable().optional(),
});
export type TCustomerPanelItem = z.infer<typeof ZCustomerPanelItem>;

export const ZCustomerPanel = z.object({
  key: z.string(),
  /** False while no module provides this panel: the web app shows "none yet". */
  available: z.boolean(),
  total: z.number().int(),
  items: z.array(ZCustomerPanelItem),
});
export type TCustomerPanel = z.infer<typeof ZCustomerPanel>;

export const ZCustomerPanels = z.object({ customerId: ZId, panels: z.array(ZCustomerPanel) });
export type TCustomerPanels = z.infer<typeof ZCustomerPanels>;
