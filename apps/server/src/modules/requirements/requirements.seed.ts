import type { TOpportunityListQuery, TOpportunitySummary, TPage, TProduct, TProductListQuery } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../kernel/auth/actor.ts';
import { addDays, startOfBusinessDay, type Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { nextNumber } from '../../kernel/numbering/numbering.ts';
import type { People } from '../admin/index.ts';
import { REQUIREMENT_NUMBER_PATTERN, type RequirementApprovalStarter } from './requirement-workflow.service.ts';
import * as repo from './requirements.repository.ts';

type Plan = { status: repo.RequirementStatus; daysAgo: number };

/** The demo requirements: two drafts, three in review, one approved, one returned, one cancelled. */
const PLANS: readonly Plan[] = [
  { status: 'draft', daysAgo: 1 },
  { status: 'in_review', daysAgo: 2 },
  { status: 'approved', daysAgo: 12 },
  { status: 'in_review', daysAgo: 3 },
  { status: 'returned', daysAgo: 6 },
  { status: 'draft', daysAgo: 0 },
  { status: 'in_review', daysAgo: 1 },
  { status: 'cancelled', daysAgo: 20 },
];

/** Free descriptions reps bring back from customers, with the parameters that matter. */
const FREE_LINES = [
  {
    name: '防窃电三相智能电表（定制外壳）',
    description: '客户现场为高湿度地下配电室，要求外壳加强密封，铭牌印客户 LOGO',
    parameters: [
      { name: '精度等级', value: '0.5S' },
      { name: '防护等级', value: 'IP54' },
      { name: '通信方式', value: 'HPLC + 4G' },
    ],
    unit: '只',
  },
  {
    name: '光伏并网计量箱（双表位）',
    description: '分布式光伏项目，需上网、下网分别计量',
    parameters: [
      { name: '表位数', value: '2' },
      { name: '箱体材质', value: 'SMC' },
    ],
    unit: '台',
  },
  {
    name: '台区智能融合终端（耐低温型）',
    description: '用于东北地区户外，冬季最低 -40℃',
    parameters: [
      { name: '工作温度', value: '-40℃ ~ +70℃' },
      { name: '通信方式', value: '4G / 以太网' },
    ],
    unit: '台',
  },
];

/** The owner as an actor, for starting the demo approvals in their name (seed only). */
function seedActorOf(o: TOpportunitySummary): Actor {
  return {
    ...asSystem('seed'),
    kind: 'user',
    userId: o.ownerId,
    username: 'seed',
    displayName: o.ownerName ?? 'seed',
    departmentId: o.departmentId,
    departmentIds: [o.departmentId],
    dataScope: 'own',
  };
}

/**
 * A few demo requirements on the demo opportunities, after the opportunity, product and
 * organisation seeds; those in review wait in the product managers' approval inbox. Does nothing
 * when demo data is off or requirements exist.
 */
export async function seedDemoRequirements(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  people: Pick<People, 'idsByUsername'>;
  opportunities: { list(actor: Actor, query: TOpportunityListQuery): Promise<TPage<TOpportunitySummary>> };
  products: { list(actor: Actor, query: TProductListQuery): Promise<TPage<TProduct>> };
  approvals: RequirementApprovalStarter;
}): Promise<void> {
  if (!deps.demo) return;
  if ((await repo.countRequirements(deps.db)) > 0) return;
  const system = asSystem('seed');
  const [opportunities, products, pms] = await Promise.all([
    deps.opportunities.list(system, { limit: 100, sort: 'createdAt' } as TOpportunityListQuery),
    deps.products.list(system, { limit: 40, sort: 'materialCode' } as TProductListQuery),
    deps.people.idsByUsername(['pm.meter']),
  ]);
  const open = opportunities.items.filter((o) => o.stageKind === 'open');
  const active = products.items.filter((p) => p.status === 'active');
  const pmId = pms.get('pm.meter') ?? null;
  if (open.length === 0 || active.length === 0) return;
  const today = deps.clock.today();

  await withTx(deps.db, async (tx) => {
    let made = 0;
    for (const [i, plan] of PLANS.entries()) {
      const o = open[(i * 3) % open.length]!;
      const day = addDays(today, -plan.daysAgo);
      const at = new Date(startOfBusinessDay(day, deps.clock.timezone).getTime() + (9 + (i % 8)) * 3600_000);
      const submitted = plan.status !== 'draft';
      const number = submitted
        ? await nextNumber(tx, { key: 'requirement', pattern: REQUIREMENT_NUMBER_PATTERN, at, timezone: deps.clock.timezone })
        : null;
      const r = await repo.insertRequirement(tx, {
        number,
        title: `${o.name} · 技术需求`,
        customerId: o.customerId,
        customerName: o.customerName,
        opportunityId: o.id,
        opportunityName: o.name,
        ownerId: o.ownerId,
        departmentId: o.departmentId,
        status: plan.status,
        wantedDate: addDays(today, 45 + i * 7),
        notes: '客户希望分两批交货，首批用于试点台区。',
        submittedAt: submitted ? at : null,
        decidedAt: plan.status === 'approved' || plan.status === 'returned' ? at : null,
        decisionComment: plan.status === 'returned' ? '请补充现场安装照片和通信方式要求后再提交' : null,
        cancelReason: plan.status === 'cancelled' ? '客户项目延期，需求取消' : null,
        createdAt: at,
        updatedAt: at,
        createdBy: o.ownerId,
        updatedBy: o.ownerId,
      });
      const catalogue = [active[(i * 5) % active.length]!, active[(i * 5 + 2) % active.length]!];
      const free = FREE_LINES[i % FREE_LINES.length]!;
      const decided = plan.status === 'approved';
      const reviewed = decided ? { reviewedBy: pmId, reviewedAt: at } : { reviewedBy: null, reviewedAt: null };
      await repo.insertLines(tx, [
        ...catalogue.map((p, n) => ({
          requirementId: r.id,
          position: n + 1,
          productId: p.id,
          materialCode: p.materialCode,
          name: p.name,
          spec: p.model,
          unit: p.unit,
          requested: { productId: p.id, name: '', spec: null, unit: null },
          parameters: [],
          qty: String(100 * (n + 1) + i * 20),
          wantedDate: null,
          decision: decided ? ('standard' as const) : ('pending' as const),
          reviewNote: null,
          ...reviewed,
        })),
        {
          requirementId: r.id,
          position: 3,
          productId: null,
          materialCode: null,
          name: free.name,
          spec: null,
          unit: free.unit,
          requested: { productId: null, name: free.name, spec: null, unit: free.unit },
          description: free.description,
          parameters: free.parameters,
          qty: String(20 + i * 5),
          wantedDate: addDays(today, 60 + i * 7),
          decision: decided ? ('non_standard' as const) : ('pending' as const),
          reviewNote: decided ? '需新物料编码，已提交 PLM 申请' : null,
          wasNonStandard: decided,
          ...reviewed,
        },
      ]);
      if (plan.status === 'in_review') {
        const started = await deps.approvals.start(tx, seedActorOf(o), {
          recordId: r.id,
          title: `${number} · ${o.customerName ?? r.title}`,
          context: { number: number! },
        });
        await repo.updateRequirement(tx, r.id, r.version, { approvalInstanceId: started.instanceId });
      }
      made += 1;
    }
    await writeAudit(tx, system, { action: 'seed.demo_requirements', meta: { requirements: made } });
  });
}
