import { Permission } from '@crm/contracts';
import { ForecastWidget } from './forecast-widget.tsx';
import type { HomeWidget } from './home-widget.ts';
import { PipelineFunnelWidget } from './pipeline-funnel-widget.tsx';
import { QuickLinksWidget } from './quick-links-widget.tsx';
import { RecentActivitiesWidget } from './recent-activities-widget.tsx';
import { TargetCompletionWidget } from './target-completion-widget.tsx';
import { OverdueFollowUpsWidget, UpcomingTasksWidget } from './task-widgets.tsx';
import { UnreadNotificationsWidget } from './unread-notifications-widget.tsx';

/** Home page cards, in display order. Add a module's dashboard card here. */
export const homeWidgets: HomeWidget[] = [
  // The sales dashboard: a rep sees their own figures, a manager the team's, a director everyone's.
  { key: 'target-completion', permissions: [Permission.targetRead], span: { md: 24, xl: 12 }, Component: TargetCompletionWidget },
  { key: 'forecast', permissions: [Permission.opportunityRead], span: { md: 24, xl: 12 }, Component: ForecastWidget },
  { key: 'pipeline-funnel', permissions: [Permission.opportunityRead], span: { md: 12, xl: 8 }, Component: PipelineFunnelWidget },
  { key: 'upcoming-tasks', permissions: [Permission.taskRead], span: { md: 12, xl: 8 }, Component: UpcomingTasksWidget },
  { key: 'overdue-follow-ups', permissions: [Permission.taskRead], span: { md: 12, xl: 8 }, Component: OverdueFollowUpsWidget },
  { key: 'recent-activities', permissions: [Permission.customerRead], span: { md: 12, xl: 12 }, Component: RecentActivitiesWidget },
  { key: 'unread-notifications', span: { md: 24, xl: 12 }, Component: UnreadNotificationsWidget },
  { key: 'quick-links', span: { md: 24, xl: 12 }, Component: QuickLinksWidget },
];
