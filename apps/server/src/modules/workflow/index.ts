import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import { addDefaultGrants, type People } from '../admin/index.ts';
import { createApprovalDefinitions } from './approval-definitions.service.ts';
import { createApprovalActions } from './approval-actions.service.ts';
import { createApprovalCore } from './approval-core.ts';
import { createApprovalEngine } from './approval-engine.service.ts';
import { createApprovalEscalation } from './approval-escalation.service.ts';
import { createApprovalInbox } from './approval-inbox.service.ts';
import { createApprovalProgress, ENGINE_CHANNEL } from './approval-progress.ts';
import { createApprovalTypeRegistry, type ApprovalTypeRegistration } from './approval-types.ts';
import { workflowJobs } from './workflow.jobs.ts';
import { WORKFLOW_GRANTS } from './workflow.messages.ts';
import { workflowRoutes } from './workflow.routes.ts';

export type { ApprovalTypeRegistration, ApprovalOutcome, ApprovalCallbackContext } from './approval-types.ts';
export type { StartApprovalInput } from './approval-engine.service.ts';
export type { FactsValue, FactValue } from './workflow.schema.ts';
export { WorkflowErrorCode } from './workflow.errors.ts';

/**
 * 审批流 (approvals engine): versioned definitions per business type, instances bound to business
 * records, the people's inbox and actions, reminders and escalation. Business modules register
 * their approval types through `approvals.registerApprovalType` at wiring time.
 */
export function createWorkflowModule(k: Kernel, deps: { people: People }) {
  addDefaultGrants(WORKFLOW_GRANTS);
  const registry = createApprovalTypeRegistry();
  const org = deps.people.org;
  const progress = createApprovalProgress({ clock: k.clock, org, notifications: k.notifications });
  const coreDeps = { db: k.db, clock: k.clock, registry, org, progress, notifications: k.notifications, files: k.files, names: org.names };
  const core = createApprovalCore(coreDeps);
  const engine = createApprovalEngine({ ...coreDeps, core });
  const actions = createApprovalActions({ ...coreDeps, core });
  const inbox = createApprovalInbox({ db: k.db, registry, summaries: deps.people.summaries, files: k.files });
  const definitions = createApprovalDefinitions({ db: k.db, clock: k.clock, registry, org, summaries: deps.people.summaries });
  const escalation = createApprovalEscalation({ db: k.db, clock: k.clock, org, notifications: k.notifications });
  const jobs = workflowJobs({ escalation });
  const module: ModuleDefinition = {
    name: 'workflow',
    routes: workflowRoutes({
      engine,
      actions,
      inbox,
      definitions,
      searchPeople: async (q) =>
        (await deps.people.search(q)).map((u) => ({ id: u.id, displayName: u.displayName, departmentName: u.departmentName })),
    }),
    jobs: jobs.all,
    prepare: () => definitions.prepare(),
  };
  return {
    module,
    jobs,
    /** What business modules use (see docs/approvals.md). */
    approvals: {
      channel: ENGINE_CHANNEL,
      /** Registers a business type (quote, requirement, contract) with its facts and final callbacks. */
      registerApprovalType(registration: ApprovalTypeRegistration): void {
        registry.register(registration);
      },
      /** Starts an approval of a record in the caller's transaction. */
      start: engine.start,
      /** Ends a running approval of a record that its module took back (no callback). */
      cancelForRecord: engine.cancelForRecord,
    },
    engine,
    actions,
    inbox,
    definitions,
    /** Reminders and escalations now (the job does it every five minutes). */
    escalateDue: escalation.processDue,
  };
}
export type WorkflowModule = ReturnType<typeof createWorkflowModule>;
export type ApprovalsApi = WorkflowModule['approvals'];
