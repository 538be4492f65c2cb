import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { addDefaultGrants, type People } from '../../admin/index.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import { createGradingSettingsService } from './grading-settings.service.ts';
import { gradingJobs } from './grading.job.ts';
import { GRADING_GRANTS } from './grading.messages.ts';
import { gradingRoutes } from './grading.routes.ts';
import { createGradingService } from './grading.service.ts';

export type { GradingService, GradeOverrideItem, GradeItemResult, GradeItemRefusal } from './grading.service.ts';
export { gradeByRule, DEFAULT_GRADING_SETTINGS } from './grading-rule.ts';

/** 客户分级: the rule, the manual override, the strategic flag, the settings and the nightly recompute. */
export function createGradingModule(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  extensions: Pick<CustomerExtensions, 'list'>;
}) {
  addDefaultGrants(GRADING_GRANTS);
  const service = createGradingService({ db: deps.db, clock: deps.clock, extensions: deps.extensions });
  const settings = createGradingSettingsService({ db: deps.db, clock: deps.clock, people: deps.people });
  return {
    service,
    settings,
    routes: gradingRoutes({ grading: service, settings }),
    jobs: gradingJobs({ grading: service }),
    prepare: () => settings.prepare(),
  };
}
