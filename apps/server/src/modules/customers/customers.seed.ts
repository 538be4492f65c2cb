import { count } from 'drizzle-orm';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import type { People } from '../admin/index.ts';
import { customer } from './customers.schema.ts';
import * as repo from './customers.repository.ts';
import { DEMO_REPS, insertGeneratedCustomers } from './demo/demo-customers.ts';

export { EAST_REPS, INDUSTRY_REPS, NORTH_REPS } from './demo/demo-customers.ts';
import { digitsOf } from './duplicate-check.service.ts';
import { duplicateSearchKeys } from './duplicate/similarity.ts';
import { pinyinInitials } from './search-keys.ts';

type Spec = {
  name: string;
  short?: string;
  type: 'grid' | 'industrial' | 'distributor' | 'overseas' | 'other';
  industry: string;
  province?: string;
  city?: string;
  owner: string;
  grade: 'A' | 'B' | 'C' | 'D';
  status: 'prospect' | 'active' | 'dormant';
  contact: [name: string, title: string];
};

/** Demo customers of a metering manufacturer: grid companies and their branches, industry, distributors, overseas. */
const DEMO: readonly Spec[] = [
  {
    name: '国网江苏省电力有限公司',
    short: '江苏电力',
    type: 'grid',
    industry: '电网',
    province: '江苏',
    city: '南京',
    owner: 'rep.east1',
    grade: 'A',
    status: 'active',
    contact: ['王志强', '物资部主任'],
  },
  {
    name: '国网江苏省电力有限公司南京供电分公司',
    short: '南京供电',
    type: 'grid',
    industry: '电网',
    province: '江苏',
    city: '南京',
    owner: 'rep.east1',
    grade: 'A',
    status: 'active',
    contact: ['李建华', '营销部计量室主任'],
  },
  {
    name: '国网江苏省电力有限公司苏州供电分公司',
    short: '苏州供电',
    type: 'grid',
    industry: '电网',
    province: '江苏',
    city: '苏州',
    owner: 'rep.east2',
    grade: 'B',
    status: 'active',
    contact: ['张敏', '采购专责'],
  },
  {
    name: '国网浙江省电力有限公司',
    short: '浙江电力',
    type: 'grid',
    industry: '电网',
    province: '浙江',
    city: '杭州',
    owner: 'rep.east3',
    grade: 'A',
    status: 'active',
    contact: ['陈立新', '物资部副主任'],
  },
  {
    name: '国网浙江省电力有限公司宁波供电公司',
    short: '宁波供电',
    type: 'grid',
    industry: '电网',
    province: '浙江',
    city: '宁波',
    owner: 'rep.east4',
    grade: 'B',
    status: 'active',
    contact: ['周海涛', '计量中心主任'],
  },
  {
    name: '国网上海市电力公司',
    short: '上海电力',
    type: 'grid',
    industry: '电网',
    province: '上海',
    city: '上海',
    owner: 'rep.east5',
    grade: 'A',
    status: 'active',
    contact: ['吴晓东', '营销服务中心'],
  },
  {
    name: '国网北京市电力公司',
    short: '北京电力',
    type: 'grid',
    industry: '电网',
    province: '北京',
    city: '北京',
    owner: 'rep.north1',
    grade: 'A',
    status: 'active',
    contact: ['刘建国', '物资公司经理'],
  },
  {
    name: '国网河北省电力有限公司',
    short: '河北电力',
    type: 'grid',
    industry: '电网',
    province: '河北',
    city: '石家庄',
    owner: 'rep.north2',
    grade: 'A',
    status: 'active',
    contact: ['孙立', '计量室主任'],
  },
  {
    name: '国网天津市电力公司',
    short: '天津电力',
    type: 'grid',
    industry: '电网',
    province: '天津',
    city: '天津',
    owner: 'rep.north3',
    grade: 'B',
    status: 'active',
    contact: ['赵刚', '采购部'],
  },
  {
    name: '国网山西省电力公司太原供电公司',
    short: '太原供电',
    type: 'grid',
    industry: '电网',
    province: '山西',
    city: '太原',
    owner: 'rep.north4',
    grade: 'C',
    status: 'prospect',
    contact: ['冯雪', '营销部'],
  },
  {
    name: '广东电网有限责任公司',
    short: '广东电网',
    type: 'grid',
    industry: '电网',
    province: '广东',
    city: '广州',
    owner: 'rep.ind1',
    grade: 'A',
    status: 'active',
    contact: ['黄伟明', '物资部'],
  },
  {
    name: '广东电网有限责任公司深圳供电局',
    short: '深圳供电局',
    type: 'grid',
    industry: '电网',
    province: '广东',
    city: '深圳',
    owner: 'rep.ind1',
    grade: 'B',
    status: 'active',
    contact: ['郑凯', '计量中心'],
  },
  {
    name: '江苏恒远化工集团有限公司',
    short: '恒远化工',
    type: 'industrial',
    industry: '化工',
    province: '江苏',
    city: '南通',
    owner: 'rep.ind2',
    grade: 'B',
    status: 'active',
    contact: ['钱海峰', '设备部经理'],
  },
  {
    name: '浙江华泰钢铁股份有限公司',
    short: '华泰钢铁',
    type: 'industrial',
    industry: '冶金',
    province: '浙江',
    city: '湖州',
    owner: 'rep.ind2',
    grade: 'B',
    status: 'active',
    contact: ['沈国庆', '能源管理处'],
  },
  {
    name: '河北冀北水泥有限公司',
    short: '冀北水泥',
    type: 'industrial',
    industry: '建材',
    province: '河北',
    city: '唐山',
    owner: 'rep.ind3',
    grade: 'C',
    status: 'prospect',
    contact: ['马超', '总工办'],
  },
  {
    name: '山东鲁能新材料科技有限公司',
    short: '鲁能新材',
    type: 'industrial',
    industry: '新材料',
    province: '山东',
    city: '济南',
    owner: 'rep.ind3',
    grade: 'C',
    status: 'active',
    contact: ['杜鹏', '采购主管'],
  },
  {
    name: '苏州工业园区智慧能源服务有限公司',
    short: '园区能源',
    type: 'industrial',
    industry: '综合能源',
    province: '江苏',
    city: '苏州',
    owner: 'rep.east2',
    grade: 'B',
    status: 'active',
    contact: ['韩冰', '项目经理'],
  },
  {
    name: '南京华能电气设备有限公司',
    short: '华能电气',
    type: 'distributor',
    industry: '电气设备',
    province: '江苏',
    city: '南京',
    owner: 'rep.east1',
    grade: 'C',
    status: 'active',
    contact: ['顾晓明', '总经理'],
  },
  {
    name: '杭州之江电力器材有限公司',
    short: '之江器材',
    type: 'distributor',
    industry: '电气设备',
    province: '浙江',
    city: '杭州',
    owner: 'rep.east3',
    grade: 'C',
    status: 'active',
    contact: ['许丽', '销售经理'],
  },
  {
    name: '北京中电联合科技发展有限公司',
    short: '中电联合',
    type: 'distributor',
    industry: '电气设备',
    province: '北京',
    city: '北京',
    owner: 'rep.north1',
    grade: 'D',
    status: 'prospect',
    contact: ['何斌', '副总经理'],
  },
  {
    name: '天津津电恒通贸易有限公司',
    short: '津电恒通',
    type: 'distributor',
    industry: '贸易',
    province: '天津',
    city: '天津',
    owner: 'rep.north3',
    grade: 'D',
    status: 'dormant',
    contact: ['曹阳', '采购'],
  },
  {
    name: 'Zambezi Power Distribution Ltd.',
    short: 'ZPD',
    type: 'overseas',
    industry: 'Utility',
    owner: 'rep.intl1',
    grade: 'B',
    status: 'active',
    contact: ['James Banda', 'Procurement Manager'],
  },
  {
    name: 'Lagos Metering Services Co., Ltd.',
    short: 'LMS',
    type: 'overseas',
    industry: 'Utility',
    owner: 'rep.intl1',
    grade: 'C',
    status: 'prospect',
    contact: ['Ade Okafor', 'Technical Director'],
  },
  {
    name: 'PT Nusantara Energi Meter',
    short: 'NEM',
    type: 'overseas',
    industry: 'Utility',
    owner: 'rep.intl2',
    grade: 'C',
    status: 'active',
    contact: ['Budi Santoso', 'Purchasing'],
  },
  {
    name: '中国能建江苏省电力设计院有限公司',
    short: '江苏电力设计院',
    type: 'other',
    industry: '设计院',
    province: '江苏',
    city: '南京',
    owner: 'rep.east4',
    grade: 'C',
    status: 'prospect',
    contact: ['彭涛', '设计总工'],
  },
];

/** The names of the hand-written demo customers (the generated ones come on top of them). */
export const HAND_WRITTEN_DEMO_NAMES: readonly string[] = DEMO.map((d) => d.name);

/** A credit code of the right shape, stable per index (demo data only). */
function demoCreditCode(i: number): string {
  return `91${String(320000 + i * 37).padStart(6, '0')}MA${String(1000000 + i * 7919).slice(-7)}X`;
}

/** The grid companies graded A are strategic accounts: the rule grades them A by itself. */
const isStrategic = (d: Spec) => d.grade === 'A' && d.type === 'grid';

export async function seedDemoCustomers(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  people: Pick<People, 'idsByUsername' | 'summaries'>;
  /** How many demo customers in all (the hand-written ones first, the rest generated). */
  customers?: number;
}) {
  if (!deps.demo) return;
  const [row] = await deps.db.select({ n: count() }).from(customer);
  if (Number(row?.n ?? 0) > 0) return;
  const ids = await deps.people.idsByUsername([...new Set([...DEMO.map((d) => d.owner), ...DEMO_REPS])]);
  if (ids.size === 0) return;
  const owners = await deps.people.summaries([...ids.values()]);
  const now = deps.clock.now();
  await withTx(deps.db, async (tx) => {
    for (const [i, d] of DEMO.entries()) {
      const ownerId = ids.get(d.owner);
      const owner = ownerId ? owners.get(ownerId) : undefined;
      if (!owner) continue;
      const created = await repo.insertCustomer(tx, {
        name: d.name,
        shortName: d.short ?? null,
        ...duplicateSearchKeys(d.name),
        pinyinInitials: [pinyinInitials(d.name), d.short ? pinyinInitials(d.short) : ''].filter(Boolean).join(' '),
        creditCode: d.type === 'overseas' ? null : demoCreditCode(i),
        type: d.type,
        industry: d.industry,
        country:
          d.type === 'overseas' ? (d.name.startsWith('PT ') ? 'Indonesia' : d.name.startsWith('Lagos') ? 'Nigeria' : 'Zambia') : '中国',
        province: d.province ?? null,
        city: d.city ?? null,
        grade: d.grade,
        // Grades from before the system (no contracts in it yet) come in as reasoned overrides, so
        // that the nightly grading keeps them; the grid companies graded A are strategic accounts.
        strategic: isStrategic(d),
        ruleGrade: isStrategic(d) ? 'A' : 'D',
        gradeOverride: isStrategic(d) || d.grade === 'D' ? null : d.grade,
        gradeOverrideReason: isStrategic(d) || d.grade === 'D' ? null : '系统上线前的人工评级',
        status: d.status,
        source: i % 3 === 0 ? '招投标' : i % 3 === 1 ? '老客户介绍' : '展会',
        ownerId: owner.id,
        departmentId: owner.departmentId,
        creditLimit: d.grade === 'A' ? '20000000.00' : d.grade === 'B' ? '5000000.00' : '1000000.00',
        creditDays: d.grade === 'A' ? 90 : 60,
        tags: d.type === 'grid' ? ['电网', '集招'] : [],
        createdAt: new Date(now.getTime() - (DEMO.length - i) * 86_400_000),
        updatedAt: now,
      });
      const mobile = `139${String(10000000 + i * 104729).slice(-8)}`;
      await repo.insertContacts(tx, [
        {
          customerId: created.id,
          name: d.contact[0],
          title: d.contact[1],
          mobile,
          mobileDigits: digitsOf(mobile),
          isPrimary: true,
          createdAt: now,
          updatedAt: now,
        },
      ]);
    }
    await writeAudit(tx, asSystem('seed'), { action: 'seed.demo_customers', meta: { customers: DEMO.length } });
    const byUsername = new Map(
      [...ids].flatMap(([username, id]) => {
        const o = owners.get(id);
        return o ? [[username, { id: o.id, departmentId: o.departmentId }] as const] : [];
      }),
    );
    await insertGeneratedCustomers(tx, {
      now,
      count: Math.max(0, (deps.customers ?? DEMO.length) - DEMO.length),
      owners: byUsername,
      takenNames: HAND_WRITTEN_DEMO_NAMES,
      searchKeys: (name, short) => ({
        ...duplicateSearchKeys(name),
        pinyinInitials: [pinyinInitials(name), short ? pinyinInitials(short) : ''].filter(Boolean).join(' '),
      }),
    });
  });
}
