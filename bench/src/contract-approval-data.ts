import type { TApprovalStep, TApproverSpec } from '@crm/contracts';
import type pg from 'pg';
import type { Db } from '../../apps/server/src/kernel/db/database.ts';
import type { StoredReview } from '../../apps/server/src/modules/contracts/contract-review.ts';
import type { ContractRow } from '../../apps/server/src/modules/contracts/contracts.repository.ts';
import { resolveApprovers, type OrgLookup } from '../../apps/server/src/modules/workflow/approver-resolution.ts';
import { allHold } from '../../apps/server/src/modules/workflow/conditions.ts';
import type { FactsValue, StepStateValue } from '../../apps/server/src/modules/workflow/workflow.schema.ts';
import { workingTime } from './activity-data.ts';
import { emptyColumns, packedInsert, pushRow, type Columns } from './packed-insert.ts';
import type { Rng } from './prng.ts';
import type { Org } from './sessions.ts';

/**
 * The approvals the generated contracts went through (contract-data.ts): what the approvals
 * engine (apps/server/src/modules/workflow) writes when a contract version is submitted and its
 * approvers decide. The active definition of the `contract` type (the default the server publishes
 * at start, unless changed) read once; each step's conditions by the server's `allHold` on the
 * facts the type loads; approvers by the server's `resolveApprovers` over the organisation read
 * once (admin/people.ts `org`, kept in memory). Decided by one approver per step ("any": the
 * others' tasks cancelled; "all": everyone) up to the approval or rejection at the given time; in
 * review: pending tasks at the step reached by the day of the run.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;

export const INSTANCE_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['type_key', 'text'],
  ['definition_version_id', 'uuid'],
  ['record_id', 'text'],
  ['title', 'text'],
  ['link', 'text'],
  ['initiator_id', 'uuid'],
  ['initiator_department_id', 'uuid'],
  ['status', 'text'],
  ['current_step', 'int'],
  ['step_states', 'jsonb'],
  ['facts', 'jsonb'],
  ['context', 'jsonb'],
  ['finished_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['created_by', 'uuid'],
  ['updated_by', 'uuid'],
  ['version', 'int'],
];
export const TASK_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['instance_id', 'uuid'],
  ['step_index', 'int'],
  ['kind', 'text'],
  ['assignee_id', 'uuid'],
  ['status', 'text'],
  ['origin', 'text'],
  ['comment', 'text'],
  ['created_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['decided_at', 'timestamptz'],
  ['version', 'int'],
];
export const ACTION_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['instance_id', 'uuid'],
  ['task_id', 'uuid'],
  ['step_index', 'int'],
  ['kind', 'text'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['comment', 'text'],
  ['created_at', 'timestamptz'],
];

export type ApprovalRows = { instances: unknown[][]; tasks: unknown[][]; actions: unknown[][] };

export type ApprovalOutcome = { kind: 'approved'; at: number } | { kind: 'rejected'; at: number; comment: string } | { kind: 'running' };

/** One submission of a contract version. */
export type ApprovalRun = {
  rng: Rng;
  contractId: string;
  /** The instance's title, as the contract workflow gives it (`number · customer`). */
  title: string;
  ownerId: string;
  departmentId: string;
  versionId: string;
  facts: FactsValue;
  submittedAt: number;
  outcome: ApprovalOutcome;
};

/** The facts the `contract` approval type loads for a version in review (contracts/contract-approval.ts, loadFacts). */
export function contractFacts(input: {
  review: StoredReview;
  amountInclTax: string;
  amendment: boolean;
  type: ContractRow['type'];
  customerName: string;
  ownerId: string;
}): FactsValue {
  const { route, findings } = input.review;
  const margin = findings.find((f) => f.rule === 'margin' && f.key.startsWith('margin') && f.params?.margin !== undefined);
  return {
    amountInclTax: input.amountInclTax,
    marginPercent: margin ? String(margin.params!.margin) : null,
    reviewLevel: input.review.level,
    needsDirector: route.includes('director'),
    needsFinance: route.includes('finance'),
    needsProductManager: route.includes('product_manager'),
    isSpecial: route.includes('special'),
    hasMarginWarning: findings.some((f) => f.rule === 'margin' && f.level !== 'pass'),
    hasCreditWarning: findings.some(
      (f) => (f.rule === 'credit_limit' || f.rule === 'credit_days' || f.rule === 'prepayment') && f.level !== 'pass',
    ),
    isAmendment: input.amendment,
    contractType: input.type,
    customerName: input.customerName,
    ownerId: input.ownerId,
  };
}

/** The organisation as the approvals engine reads it (admin/people.ts `org`), read once. */
async function loadOrgLookup(pool: pg.Pool, org: Org): Promise<{ lookup: OrgLookup; names: Map<string, string> }> {
  const users = new Map(
    (
      await pool.query<{ id: string; manager_id: string | null; display_name: string }>(`select id, manager_id, display_name from app_user`)
    ).rows.map((r) => [r.id, r]),
  );
  const heads = new Map(
    (await pool.query<{ id: string; head_user_id: string | null }>(`select id, head_user_id from department`)).rows.map((r) => [
      r.id,
      r.head_user_id,
    ]),
  );
  const active = new Set(org.users.filter((u) => u.isActive).map((u) => u.id));
  // Active holders of each role, by id (as the repository orders them).
  const byRole = new Map<string, { id: string; departmentId: string }[]>();
  for (const u of [...org.users].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!active.has(u.id)) continue;
    for (const role of u.roles) {
      const list = byRole.get(role);
      if (list) list.push({ id: u.id, departmentId: u.departmentId });
      else byRole.set(role, [{ id: u.id, departmentId: u.departmentId }]);
    }
  }
  const holders = (role: string, departments?: ReadonlySet<string>) =>
    (byRole.get(role) ?? []).filter((u) => !departments || departments.has(u.departmentId)).map((u) => ({ id: u.id }));
  const names = new Map([...users.values()].map((u) => [u.id, u.display_name]));
  const lookup: OrgLookup = {
    place: async (_tx, userId) => {
      const u = org.byId.get(userId);
      const d = u ? org.deptById.get(u.departmentId) : undefined;
      return u && d ? { departmentId: d.id, departmentPath: d.path, managerId: users.get(userId)?.manager_id ?? null } : undefined;
    },
    departmentHeads: async (_tx, ids) => ids.filter((id) => heads.has(id)).map((id) => ({ id, headUserId: heads.get(id) ?? null })),
    usersWithRole: async (_tx, departmentIds, roleCode) => holders(roleCode, new Set(departmentIds)),
    roleHolders: async (_tx, roleCode) => holders(roleCode),
    activeUserIds: async (_tx, ids) => [...new Set(ids)].filter((id) => active.has(id)),
    names: async (_tx, ids) => new Map(ids.filter((id) => names.has(id)).map((id) => [id, names.get(id)!])),
  };
  return { lookup, names };
}

/** A working time (Beijing) near `t`, kept within [lo, hi]. */
function workTime(t: number, rng: Rng, lo: number, hi: number): number {
  const w = workingTime(t, rng.next(), rng.next(), rng.next());
  return w < lo || w > hi ? Math.min(hi, Math.max(lo, t)) : w;
}

export async function createApprovalSimulator(pool: pg.Pool, org: Org, anchor: number) {
  const definition = (
    await pool.query<{ id: string; steps: TApprovalStep[]; cc: TApproverSpec[] }>(
      `select v.id, v.steps, v.cc from approval_definition d
         join approval_definition_version v on v.definition_id = d.id and v.version_no = d.active_version_no
        where d.type_key = 'contract'`,
    )
  ).rows[0];
  if (!definition) throw new Error('no active approval definition of type "contract": the server publishes it when it starts');
  const { lookup, names } = await loadOrgLookup(pool, org);
  const noTx = undefined as unknown as Db;

  // Approvers per step and initiator (the specs other than `field` do not depend on the facts).
  const resolved = new Map<string, string[]>();
  async function approversOf(
    stepIndex: number,
    specs: readonly TApproverSpec[],
    initiatorId: string,
    facts: FactsValue,
  ): Promise<string[]> {
    const key = `${stepIndex}:${initiatorId}`;
    const cacheable = specs.every((s) => s.kind !== 'field');
    if (cacheable && resolved.has(key)) return resolved.get(key)!;
    const found = new Set<string>();
    for (const spec of specs) for (const id of await resolveApprovers(noTx, lookup, spec, { initiatorId, facts })) found.add(id);
    const out = [...found].filter((id) => id !== initiatorId);
    if (cacheable) resolved.set(key, out);
    return out;
  }
  const submitters = new Map<string, boolean>();

  return {
    /** An owner whose unconditional steps find nobody could never submit (the engine refuses): drafts only. */
    async canSubmit(ownerId: string): Promise<boolean> {
      if (!submitters.has(ownerId)) {
        let ok = true;
        for (const [i, step] of definition.steps.entries()) {
          const unconditional = step.conditions.length === 0 && step.autoApprove.length === 0;
          if (unconditional && (await approversOf(i, step.approvers, ownerId, {})).length === 0) ok = false;
        }
        submitters.set(ownerId, ok);
      }
      return submitters.get(ownerId)!;
    },

    newRows: (): ApprovalRows => ({
      instances: emptyColumns(INSTANCE_COLUMNS),
      tasks: emptyColumns(TASK_COLUMNS),
      actions: emptyColumns(ACTION_COLUMNS),
    }),

    /** One approval run, from the submission to its outcome, into `rows`; the instance id. */
    async run(rows: ApprovalRows, a: ApprovalRun): Promise<string> {
      const r = a.rng;
      const { outcome, facts, ownerId } = a;
      const iid = r.uuid();
      const steps = definition.steps;
      const states: StepStateValue[] = steps.map(() => 'waiting');
      const active = steps.filter(
        (s) => allHold(facts, s.conditions) && !(s.autoApprove.length > 0 && allHold(facts, s.autoApprove)),
      ).length;
      const end = outcome.kind === 'running' ? anchor - MINUTE : outcome.at;
      // In review: how far it got by the day of the run (mostly still at the first step).
      const reached = outcome.kind === 'running' ? Math.min(active - 1, Math.floor(r.next() ** 1.6 * active)) : active;
      const decisionTimes = Array.from(
        { length: Math.max(1, active) },
        (_, k) => a.submittedAt + ((end - a.submittedAt) * (k + 0.3 + 0.6 * r.next())) / active,
      );
      let actor = ownerId;
      let time = a.submittedAt;
      let current: number | null = null;
      let saves = 2;
      const approvedBy = new Set<string>();
      const action = (kind: string, stepIndex: number | null, taskId: string | null, comment: string | null) =>
        pushRow(rows.actions, [r.uuid(), iid, taskId, stepIndex, kind, actor, names.get(actor) ?? '', comment, new Date(time)]);
      action('start', null, null, null);
      const cc = new Set<string>();
      for (const spec of definition.cc)
        for (const u of await resolveApprovers(noTx, lookup, spec, { initiatorId: ownerId, facts })) cc.add(u);
      cc.delete(ownerId);
      for (const u of cc) {
        const status = outcome.kind === 'running' ? 'unread' : 'read';
        pushRow(rows.tasks, [r.uuid(), iid, -1, 'cc', u, status, 'rule', null, new Date(a.submittedAt), null, null, 1]);
      }
      let decided = 0;
      let finished: 'approved' | 'rejected' | null = null;
      for (const [i, step] of steps.entries()) {
        if (!allHold(facts, step.conditions)) {
          states[i] = 'skipped';
          action('skip', i, null, null);
          continue;
        }
        if (step.autoApprove.length > 0 && allHold(facts, step.autoApprove)) {
          states[i] = 'auto_approved';
          action('auto_approve', i, null, null);
          continue;
        }
        const approvers = await approversOf(i, step.approvers, ownerId, facts);
        if (approvers.length === 0) throw new Error(`contract approval step "${step.name}" finds no approver for ${ownerId}`);
        if (approvers.every((u) => approvedBy.has(u))) {
          states[i] = 'auto_approved';
          action('auto_approve', i, null, 'already_approved');
          continue;
        }
        const due = step.timeLimitHours ? new Date(time + step.timeLimitHours * HOUR) : null;
        const created = new Date(time);
        const taskIds = approvers.map(() => r.uuid());
        states[i] = 'active';
        if (outcome.kind === 'running' && decided >= reached) {
          approvers.forEach((u, k) =>
            pushRow(rows.tasks, [taskIds[k], iid, i, 'approve', u, 'pending', 'rule', null, created, due, null, 1]),
          );
          current = i;
          break;
        }
        const rejectHere = outcome.kind === 'rejected' && (decided === active - 1 || r.next() < 0.6);
        // The deciding action of an approved or rejected run is at the contract's own decision time.
        const final = outcome.kind !== 'running' && (rejectHere || decided === active - 1);
        time = final
          ? Math.max(time + MINUTE, end)
          : workTime(Math.min(end - MINUTE, decisionTimes[decided] ?? end), r, time + MINUTE, Math.max(time + MINUTE, end - MINUTE));
        const deciders = step.mode === 'all' ? approvers : [r.pick(approvers)];
        const comment = outcome.kind === 'rejected' && rejectHere ? outcome.comment : r.next() < 0.3 ? '同意' : null;
        approvers.forEach((u, k) => {
          const decides = deciders.includes(u);
          const status = decides ? (rejectHere ? 'rejected' : 'approved') : 'cancelled';
          pushRow(rows.tasks, [
            taskIds[k],
            iid,
            i,
            'approve',
            u,
            status,
            'rule',
            decides ? comment : null,
            created,
            due,
            new Date(time),
            2,
          ]);
        });
        for (const u of deciders) {
          actor = u;
          action(rejectHere ? 'reject' : 'approve', i, taskIds[approvers.indexOf(u)]!, comment);
          if (!rejectHere) approvedBy.add(u);
        }
        decided++;
        if (rejectHere) {
          finished = 'rejected';
          break;
        }
        states[i] = 'approved';
        saves++;
      }
      if (outcome.kind !== 'running') {
        finished ??= 'approved';
        if (finished !== outcome.kind) throw new Error(`a contract approval meant to end ${outcome.kind} ended ${finished}`);
        action('finish', null, null, finished);
        saves++;
      }
      pushRow(rows.instances, [
        iid,
        'contract',
        definition.id,
        a.contractId,
        a.title,
        `/contracts/${a.contractId}`,
        ownerId,
        a.departmentId,
        outcome.kind === 'running' ? 'running' : finished,
        outcome.kind === 'running' ? current : null,
        JSON.stringify(states),
        JSON.stringify(facts),
        JSON.stringify({ versionId: a.versionId }),
        outcome.kind === 'running' ? null : new Date(time),
        new Date(a.submittedAt),
        new Date(time),
        ownerId,
        actor,
        saves,
      ]);
      return iid;
    },
  };
}
export type ApprovalSimulator = Awaited<ReturnType<typeof createApprovalSimulator>>;

/** The rows of one chunk, in one transaction; the actions in the order made (their identity column is the history's order). */
export async function insertApprovals(client: pg.PoolClient, rows: ApprovalRows): Promise<void> {
  for (const q of [
    packedInsert('approval_instance', INSTANCE_COLUMNS, rows.instances),
    packedInsert('approval_task', TASK_COLUMNS, rows.tasks),
    packedInsert('approval_action', ACTION_COLUMNS, rows.actions, { ordered: true }),
  ]) {
    await client.query(q.text, q.values);
  }
}
