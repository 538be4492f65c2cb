import type { HomeWidget } from './home-widget.ts';
import { QuickLinksWidget } from './quick-links-widget.tsx';
import { UnreadNotificationsWidget } from './unread-notifications-widget.tsx';

/** Home page cards, in display order. Add a module's dashboard card here. */
export const homeWidgets: HomeWidget[] = [
  { key: 'unread-notifications', span: { md: 24, xl: 12 }, Component: UnreadNotificationsWidget },
  { key: 'quick-links', span: { md: 24, xl: 12 }, Component: QuickLinksWidget },
];
