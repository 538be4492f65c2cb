import { PRICE_REGIONS } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { count } from 'drizzle-orm';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { toMoneyString } from '../../kernel/money.ts';
import { DEFAULT_CATEGORIES, demoProducts } from './demo/demo-products.ts';
import * as priceRepo from './price-lists/price-lists.repository.ts';
import { productCategory, product } from './products.schema.ts';
import * as repo from './products.repository.ts';

/** The default categories, once, on an installation that has none (built-in reference data, demo or not). */
export async function seedCategories(deps: { db: Db; clock: Clock }): Promise<void> {
  const [row] = await deps.db.select({ n: count() }).from(productCategory);
  if (Number(row?.n ?? 0) > 0) return;
  const now = deps.clock.now();
  await withTx(deps.db, async (tx) => {
    const created = await repo.insertCategories(
      tx,
      DEFAULT_CATEGORIES.map((c, i) => ({ name: c.name, nameEn: c.nameEn, sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now })),
    );
    await writeAudit(tx, asSystem('seed'), {
      action: 'product_category.seed',
      entityType: 'product_category',
      meta: { count: created.length },
    });
  });
}

type DemoList = {
  name: string;
  description: string;
  grades: ('A' | 'B' | 'C' | 'D')[];
  provinces: string[];
  priority: number;
  /** Percent off list price per category; categories absent are not on the list. */
  discounts: Record<string, string>;
  /** Fixed prices as a share of the list price, per category (instead of a discount). */
  fixedShare?: Record<string, number>;
};

function demoLists(year: string): DemoList[] {
  const meters = ['单相智能电表', '三相智能电表', '集中器', '采集器', '通信模块'];
  return [
    {
      name: `${year} 电网客户 A 级价目表`,
      description: '战略及 A 级电网客户：计量与采集类产品目录价下浮 8%，终端类下浮 6%',
      grades: ['A'],
      provinces: [],
      priority: 20,
      discounts: { ...Object.fromEntries(meters.map((c) => [c, '8'])), 能源控制器: '6', 配电终端: '6', 互感器: '5' },
    },
    {
      name: `${year} 电网客户 B 级价目表`,
      description: 'B 级客户：计量与采集类产品目录价下浮 5%',
      grades: ['B'],
      provinces: [],
      priority: 20,
      discounts: { ...Object.fromEntries(meters.map((c) => [c, '5'])), 能源控制器: '3', 配电终端: '3' },
    },
    {
      name: `${year} 华东区域价目表`,
      description: '华东区域 A/B 级客户的智能电表区域统一价（年度集采配套）',
      grades: ['A', 'B'],
      provinces: [...PRICE_REGIONS.east],
      priority: 30,
      discounts: {},
      fixedShare: { 单相智能电表: 0.9, 三相智能电表: 0.9 },
    },
    {
      name: `${year} 经销商价目表`,
      description: '经销及 C/D 级客户：互感器、通信模块、计量箱与开关柜目录价下浮 12%',
      grades: ['C', 'D'],
      provinces: [],
      priority: 10,
      discounts: { 互感器: '12', 通信模块: '12', 计量箱: '12', 低压开关柜: '10', 充电桩: '10' },
    },
  ];
}

/** A demo catalogue of about 150 products and four price lists, once, when demo data is enabled. */
export async function seedProducts(deps: { db: Db; clock: Clock; demo: boolean }): Promise<void> {
  await seedCategories(deps);
  if (!deps.demo) return;
  const [row] = await deps.db.select({ n: count() }).from(product);
  if (Number(row?.n ?? 0) > 0) return;
  const categories = new Map((await repo.listCategories(deps.db)).map((c) => [c.name, c.id]));
  const items = demoProducts().filter((p) => categories.has(p.category));
  const now = deps.clock.now();
  const year = deps.clock.today().slice(0, 4);
  const system = asSystem('seed');
  await withTx(deps.db, async (tx) => {
    const created = await repo.insertProducts(
      tx,
      items.map(({ category, ...p }) => ({ ...p, categoryId: categories.get(category)!, createdAt: now, updatedAt: now })),
    );
    const categoryOf = new Map(items.map((p) => [p.materialCode, p.category]));
    for (const list of demoLists(year)) {
      const pl = await priceRepo.insertPriceList(tx, {
        name: list.name,
        description: list.description,
        grades: list.grades,
        provinces: list.provinces,
        priority: list.priority,
        validFrom: `${year}-01-01`,
        validTo: `${year}-12-31`,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
      type Entry = { productId: string; price: string | null; discountPercent: string | null; validFrom: null; validTo: null };
      const entries = created.flatMap((p): Entry[] => {
        if (p.status !== 'active') return [];
        const category = categoryOf.get(p.materialCode)!;
        const share = list.fixedShare?.[category];
        if (share !== undefined) {
          const price = toMoneyString(new Decimal(p.listPrice).times(share));
          return [{ productId: p.id, price, discountPercent: null, validFrom: null, validTo: null }];
        }
        const discount = list.discounts[category];
        return discount ? [{ productId: p.id, price: null, discountPercent: discount, validFrom: null, validTo: null }] : [];
      });
      await priceRepo.replaceEntries(tx, pl.id, entries);
    }
    await writeAudit(tx, system, { action: 'product.seed', entityType: 'product', meta: { products: created.length, priceLists: 4 } });
  });
}
