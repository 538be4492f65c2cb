import { describe, expect, it } from 'vitest';
import { cellValue, taxRateOf, validateImportRows, type CellValue, type ImportContext } from '../sheets/product-sheet.ts';

const HEADER = [
  '物料编码',
  '产品名称',
  '规格型号',
  '单位',
  '产品分类',
  '目录价（含税）',
  '底价（含税）',
  '标准成本（不含税）',
  '税率',
  '质保期（月）',
  '交货周期（天）',
  '状态',
];
const ctx: ImportContext = {
  locale: 'zh-CN',
  categories: new Map([
    ['集中器', 'cat-conc'],
    ['concentrators', 'cat-conc'],
  ]),
  canWriteCost: true,
  canWriteFloorPrice: true,
};
const good: CellValue[] = ['1201000999', 'I型集中器', 'DJGZ23-H', '台', '集中器', 1780, '1600', 990.5, '13%', 60, 25, '在售'];

describe('product import row validation', () => {
  it('reads a good row into the values it sets', () => {
    const { rows, errors } = validateImportRows(HEADER, [good], ctx);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        values: {
          materialCode: '1201000999',
          name: 'I型集中器',
          model: 'DJGZ23-H',
          unit: '台',
          categoryId: 'cat-conc',
          listPrice: '1780.00',
          floorPrice: '1600.00',
          standardCost: '990.50',
          taxRate: '0.13',
          warrantyMonths: 60,
          leadTimeDays: 25,
          status: 'active',
        },
      },
    ]);
  });

  it('reports every problem with its row and column, and skips blank rows', () => {
    const rows: CellValue[][] = [
      good,
      [null, null, null, null, null, null, null, null, null, null, null, null],
      ['bad code!', '', null, '台', '电饭锅', 'abc', -5, '1.234', '130%', 1.5, 999, '卖完了'],
      ['1201000999', 'dup', null, '台', '集中器', 100, 120, null, null, null, null, null],
    ];
    const { rows: ok, errors } = validateImportRows(HEADER, rows, ctx);
    expect(ok.map((r) => r.row)).toEqual([2]);
    const row4 = errors.filter((e) => e.row === 4).map((e) => [e.column, e.code]);
    expect(row4).toEqual([
      ['materialCode', 'material_code'],
      ['name', 'required'],
      ['category', 'unknown_category'],
      ['listPrice', 'money'],
      ['floorPrice', 'money'],
      ['standardCost', 'money'],
      ['taxRate', 'tax_rate'],
      ['warrantyMonths', 'integer'],
      ['leadTimeDays', 'integer'],
      ['status', 'status'],
    ]);
    expect(errors.find((e) => e.row === 4 && e.column === 'category')?.message).toBe('没有名为“电饭锅”的启用分类');
    const row5 = errors.filter((e) => e.row === 5).map((e) => [e.column, e.code]);
    expect(row5).toEqual([
      ['materialCode', 'duplicate_in_file'],
      ['floorPrice', 'floor_above_list'],
    ]);
    expect(errors.find((e) => e.code === 'duplicate_in_file')?.message).toBe('与第 2 行的物料编码重复');
  });

  it('names missing required columns in the reader’s language and reads no rows then', () => {
    const { rows, errors } = validateImportRows(['Material code', 'Name', 'Unit'], [['X100', 'a', 'b']], { ...ctx, locale: 'en-US' });
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['Required column missing: Category', 'Required column missing: List price (incl. tax)']);
  });

  it('accepts English headers and status words; an absent column leaves the value alone, an empty protected cell clears it', () => {
    const header = ['Material code', 'Name', 'Unit', 'Category', 'List price', 'Floor price', 'Status'];
    const { rows, errors } = validateImportRows(header, [['x-100/a', 'n', 'pcs', 'Concentrators', '¥1,200.5', null, 'Discontinued']], ctx);
    expect(errors).toEqual([]);
    expect(rows[0]!.values).toEqual({
      materialCode: 'X-100/A',
      name: 'n',
      unit: 'pcs',
      categoryId: 'cat-conc',
      listPrice: '1200.50',
      floorPrice: null,
      status: 'discontinued',
    });
    expect('standardCost' in rows[0]!.values).toBe(false);
    expect('taxRate' in rows[0]!.values).toBe(false);
  });

  it('refuses values in columns the importer may not see, but not an empty column', () => {
    const limited = { ...ctx, canWriteCost: false, canWriteFloorPrice: false };
    const { errors } = validateImportRows(HEADER, [good], limited);
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ['floorPrice', 'forbidden'],
      ['standardCost', 'forbidden'],
    ]);
    const blank = [...good];
    blank[6] = null;
    blank[7] = null;
    const second = validateImportRows(HEADER, [blank], limited);
    expect(second.errors).toEqual([]);
    expect('floorPrice' in second.rows[0]!.values).toBe(false);
  });

  it('understands tax rates written as percent or fraction', () => {
    expect(['13%', '13', 0.13, '0.13', '9 %', 6, '0'].map((v) => taxRateOf(v))).toEqual([
      '0.13',
      '0.13',
      '0.13',
      '0.13',
      '0.09',
      '0.06',
      '0',
    ]);
    expect(taxRateOf('abc')).toBeUndefined();
    expect(taxRateOf('0.12345')).toBeUndefined();
  });

  it('reads exceljs cell shapes as plain values', () => {
    expect(cellValue({ richText: [{ text: '集' }, { text: '中器' }] })).toBe('集中器');
    expect(cellValue({ formula: 'A1*2', result: 42 })).toBe(42);
    expect(cellValue({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(cellValue('  ')).toBeNull();
    expect(cellValue(undefined)).toBeNull();
  });
});
