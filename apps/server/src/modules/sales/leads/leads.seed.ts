import { DEFAULT_LEAD_SOURCES, ZCustomerListQuery, type TActivityType, type TLeadDisqualifyReason, type TLeadStatus } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { DEMO_USERS, type People } from '../../admin/index.ts';
import type { CustomerService, LinkedActivityService } from '../../customers/index.ts';
import * as repo from './leads.repository.ts';

/** About this many demo leads, over the demo sales reps. */
export const DEMO_LEAD_COUNT = 300;
const DAY = 86_400_000;

const CITIES: readonly [province: string, city: string][] = [
  ['江苏', '南京'],
  ['江苏', '苏州'],
  ['江苏', '无锡'],
  ['浙江', '杭州'],
  ['浙江', '宁波'],
  ['上海', '上海'],
  ['安徽', '合肥'],
  ['山东', '济南'],
  ['山东', '青岛'],
  ['河北', '石家庄'],
  ['北京', '北京'],
  ['天津', '天津'],
  ['广东', '深圳'],
  ['湖北', '武汉'],
];
const TRADE = ['华能', '恒信', '瑞丰', '中正', '天合', '宏达', '金泰', '博远', '鼎盛', '安捷', '清源', '明德', '新锐', '通润', '嘉禾'];
const KINDS: readonly [kind: string, industry: string][] = [
  ['精密制造', '制造业'],
  ['新能源科技', '新能源'],
  ['化工', '化工'],
  ['钢铁', '冶金'],
  ['物业管理', '物业'],
  ['水务', '水务'],
  ['电气设备', '电力设备'],
  ['数据中心', '数据中心'],
  ['产业园开发', '园区'],
  ['光伏电力', '新能源'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '林', '何', '高', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '军',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '志强',
];
const TITLES = ['采购经理', '设备部主任', '总工程师', '能源管理专员', '总经理', '技术负责人', '基建部经理', '运维主管'];
const FOLLOW_UPS: readonly [TActivityType, string][] = [
  ['call', '电话沟通园区能耗计量改造需求，对方关注远程抄表与分项计量。'],
  ['visit', '上门拜访，了解配电房现状，约定下周提交初步方案。'],
  ['wecom', '企业微信发送智能电表产品资料与典型案例。'],
  ['meeting', '与技术负责人开会，确认采购时间窗口与预算范围。'],
  ['call', '回访确认需求，客户计划年底前完成招标。'],
  ['note', '客户提到正在比较两家供应商，价格敏感。'],
];
const DISQUALIFY: readonly [TLeadDisqualifyReason, string][] = [
  ['no_need', '已完成计量改造，近两年无采购计划'],
  ['no_budget', '今年预算已冻结'],
  ['unreachable', '多次电话无人接听'],
  ['competitor', '已与竞争对手签订框架协议'],
  ['invalid_info', '展会留资信息有误'],
];

/** A small deterministic PRNG (mulberry32): every demo database holds the same leads. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Status of the i-th demo lead: every status, the open ones most. */
function statusOf(i: number): TLeadStatus {
  const k = i % 20;
  return k < 5 ? 'new' : k < 11 ? 'following' : k < 14 ? 'qualified' : k < 17 ? 'disqualified' : 'converted';
}

/**
 * Demo leads (demo installations only; nothing when any lead exists): ~300 leads in every status
 * over the demo reps, with activities; the converted ones linked to demo customers of their owner,
 * whose timelines their activities joined.
 */
export async function seedDemoLeads(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  people: Pick<People, 'idsByUsername' | 'summaries'>;
  customers: Pick<CustomerService, 'list'>;
  activities: Pick<LinkedActivityService, 'createWithin' | 'joinLeadToCustomer'>;
}): Promise<void> {
  if (!deps.demo) return;
  if ((await repo.listLeads(deps.db, { scope: undefined }, { sort: 'createdAt', desc: true, limit: 1 })).length > 0) return;
  const repUsernames = DEMO_USERS.filter((u) => u.role === 'sales_rep').map((u) => u.username);
  const ids = await deps.people.idsByUsername(repUsernames);
  const reps = [...(await deps.people.summaries([...ids.values()])).values()].filter((u) => u.isActive);
  if (reps.length === 0) return;
  reps.sort((a, b) => a.id.localeCompare(b.id));
  const system = asSystem('seed');
  // Converted leads became customers their owner already has (read before the transaction).
  type DemoCustomer = { id: string; name: string; province: string | null; city: string | null; industry: string | null };
  const customersOf = new Map<string, DemoCustomer[]>();
  for (const rep of reps) {
    const page = await deps.customers.list(system, ZCustomerListQuery.parse({ ownerId: rep.id, limit: 30, sort: 'createdAt' }));
    customersOf.set(
      rep.id,
      page.items.map((c) => ({ id: c.id, name: c.name, province: c.province, city: c.city, industry: c.industry })),
    );
  }
  const rnd = prng(20261102);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = deps.clock.now();

  await withTx(deps.db, async (tx) => {
    const usedNames = new Set<string>();
    let converted = 0;
    for (let i = 0; i < DEMO_LEAD_COUNT; i++) {
      const owner = reps[i % reps.length]!;
      let status = statusOf(i);
      let [province, city] = pick(CITIES);
      const [kind, kindIndustry] = pick(KINDS);
      let industry = kindIndustry;
      let companyName = `${city}${pick(TRADE)}${kind}有限公司`;
      for (let n = 2; usedNames.has(companyName); n++) companyName = `${city}${pick(TRADE)}${kind}${n}号有限公司`;
      let customer: DemoCustomer | undefined;
      if (status === 'converted') {
        const own = customersOf.get(owner.id) ?? [];
        customer = own[converted % Math.max(1, own.length)];
        if (customer) {
          // The lead became this customer: it named the same company, in the same place.
          companyName = customer.name;
          province = customer.province ?? province;
          city = customer.city ?? city;
          industry = customer.industry ?? industry;
          converted++;
        } else status = 'qualified';
      }
      usedNames.add(companyName);
      const contactName = `${pick(SURNAMES)}${pick(GIVEN)}`;
      const createdAt = new Date(now.getTime() - Math.floor(rnd() * 120 * DAY) - DAY);
      const [reason, note] = pick(DISQUALIFY);
      const row = await repo.insertLead(tx, {
        companyName,
        contactName,
        title: pick(TITLES),
        mobile: `13${String(800000000 + i * 7919).slice(-9)}`,
        mobileDigits: `13${String(800000000 + i * 7919).slice(-9)}`,
        email: i % 3 === 0 ? `lead${i}@example.cn` : null,
        province,
        city,
        industry,
        source: pick(DEFAULT_LEAD_SOURCES),
        status: status === 'converted' ? 'qualified' : status,
        ownerId: owner.id,
        departmentId: owner.departmentId,
        notes: i % 4 === 0 ? '展会现场留资，对智能电表与能耗监测平台感兴趣' : null,
        qualifiedAt: status === 'qualified' || status === 'converted' ? new Date(createdAt.getTime() + 10 * DAY) : null,
        disqualifyReason: status === 'disqualified' ? reason : null,
        disqualifyNote: status === 'disqualified' ? note : null,
        disqualifiedAt: status === 'disqualified' ? new Date(createdAt.getTime() + 12 * DAY) : null,
        createdAt,
        updatedAt: createdAt,
      });
      // The owner recorded the follow-ups (seed data only: the audit trail shows the seed's user name).
      const author: Actor = { ...system, userId: owner.id, displayName: owner.displayName, departmentId: owner.departmentId };
      const count = status === 'new' ? 0 : status === 'disqualified' ? 1 : 1 + (i % 2);
      let last: Date | null = null;
      for (let a = 0; a < count; a++) {
        const [type, content] = pick(FOLLOW_UPS);
        const occurredAt = new Date(Math.min(createdAt.getTime() + (a + 1) * 3 * DAY, now.getTime() - DAY));
        await deps.activities.createWithin(
          tx,
          author,
          {
            link: { leadId: row.id },
            customerId: null,
            followUp: { related: { type: 'lead', id: row.id, label: companyName }, assigneeId: owner.id, departmentId: owner.departmentId },
            recordedAt: occurredAt,
          },
          { type, content, occurredAt: occurredAt.toISOString() },
          [],
        );
        last = occurredAt;
      }
      const convertedAt = new Date(Math.min(createdAt.getTime() + 15 * DAY, now.getTime()));
      if (status === 'converted' && customer) await deps.activities.joinLeadToCustomer(tx, system, row.id, customer.id);
      await repo.updateLead(tx, row.id, row.version, {
        lastActivityAt: last,
        ...(status === 'converted' && customer
          ? { status: 'converted', convertedCustomerId: customer.id, convertedAt, updatedAt: convertedAt }
          : {}),
      });
    }
    await writeAudit(tx, system, { action: 'seed.demo_leads', meta: { leads: DEMO_LEAD_COUNT, converted } });
  });
}
