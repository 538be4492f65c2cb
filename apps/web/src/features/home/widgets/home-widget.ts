import type { ComponentType } from 'react';
import type { TMe, TPermission } from '@crm/contracts';

/**
 * A card on the home page. Later modules (sales funnel, receivables ageing, approvals waiting…)
 * add an entry to `homeWidgets` in widget-registry.ts; the home page lays them out in a grid.
 */
export interface HomeWidget {
  key: string;
  /** Shown only to users with every one of these permissions. */
  permissions?: readonly TPermission[];
  /** Further condition on the user. */
  isVisible?: (me: TMe) => boolean;
  /** Grid columns out of 24, per breakpoint; phones always use the full width. */
  span?: { md?: number; xl?: number };
  Component: ComponentType<{ me: TMe }>;
}
