import { describe, expect, it } from 'vitest';
import { diffChanges } from '../audit/audit.ts';
import { businessDate, settableClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { contentDisposition, safeFileName } from '../files/files.service.ts';
import { localeFromHeader, registerMessages } from '../i18n.ts';
import { money, splitByPercent, sumMoney, toMoneyString } from '../money.ts';
import { localizedList, renderNotification } from '../notifications/notifications.ts';
import type { NotificationRow } from '../notifications/notifications.repository.ts';
import { formatNumber, periodOf, validatePattern } from '../numbering/numbering.ts';

describe('config', () => {
  it('defaults to PGlite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './data/db' });
    expect(c.defaultLocale).toBe('zh-CN');
    expect(Object.isFrozen(c.session)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/crm', CRM_DB_POOL_MAX: '7' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/crm', poolMax: 7 });
  });

  it('reports one line per bad value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', CRM_TIMEZONE: 'Mars/Base', CRM_DEMO: 'maybe' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(4);
    expect(error!.problems.join('\n')).toMatch(/PORT="abc": must be a whole number/);
    expect(error!.problems.join('\n')).toMatch(/DATABASE_URL/);
  });

  it('requires bucket and keys for S3 storage', () => {
    expect(() => loadConfig({ CRM_FILE_STORAGE: 's3' })).toThrow(/CRM_S3_BUCKET/);
  });

  it('marks https deployments', () => {
    expect(loadConfig({ CRM_PUBLIC_URL: 'https://crm.example.cn' }).isHttps).toBe(true);
  });
});

describe('money', () => {
  it('is exact where floats are not', () => {
    expect(toMoneyString(money('0.1').plus('0.2'))).toBe('0.30');
    expect(toMoneyString(sumMoney(['19999999.99', '0.01']))).toBe('20000000.00');
    expect(toMoneyString('2.345')).toBe('2.35');
    expect(toMoneyString('-2.345')).toBe('-2.35');
  });

  it('splits by percentages with the remainder on the last share', () => {
    const shares = splitByPercent('100.01', [30, 60, 10]);
    expect(shares.map((s) => s.toFixed(2))).toEqual(['30.00', '60.01', '10.00']);
    expect(toMoneyString(sumMoney(shares))).toBe('100.01');
    const odd = splitByPercent('0.03', ['33.33', '33.33', '33.34']);
    expect(toMoneyString(sumMoney(odd))).toBe('0.03');
  });
});

describe('clock', () => {
  it('gives business dates in Asia/Shanghai', () => {
    expect(businessDate(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    const clock = settableClock('2026-11-02T15:59:59Z');
    expect(clock.today()).toBe('2026-11-02');
    clock.advance(1000);
    expect(clock.today()).toBe('2026-11-03');
  });
});

describe('numbering patterns', () => {
  const at = new Date('2026-11-30T17:00:00Z'); // 2026-12-01 01:00 in Shanghai
  it('formats by the business date', () => {
    expect(formatNumber('HT{yyyy}{mm}-{seq:5}', at, 'Asia/Shanghai', 42)).toBe('HT202612-00042');
    expect(formatNumber('FH{yy}{mm}{dd}{seq:3}', at, 'Asia/Shanghai', 7)).toBe('FH261201007');
  });
  it('restarts per period', () => {
    expect(periodOf('HT{yyyy}{mm}-{seq:5}', at, 'Asia/Shanghai')).toBe('202612');
    expect(periodOf('KH-{seq:6}', at, 'Asia/Shanghai')).toBe('all');
  });
  it('refuses patterns without exactly one sequence', () => {
    expect(validatePattern('HT{yyyy}')).toMatch(/exactly one/);
    expect(validatePattern('HT{seq:3}{seq:2}')).toMatch(/exactly one/);
    expect(validatePattern('HT{yyyy}{q}{seq:3}')).toMatch(/unknown token/);
    expect(validatePattern('HT{yyyy}{seq:4}')).toBeNull();
  });
});

describe('audit diff', () => {
  it('keeps only changed fields and never the secrets', () => {
    const changes = diffChanges(
      { name: 'A', passwordHash: 'h1', version: 1, bankAccount: '6222020000001234567', same: 1 },
      { name: 'B', passwordHash: 'h2', version: 2, bankAccount: '6222020000007654321', same: 1 },
    );
    expect(changes).toEqual({
      name: { from: 'A', to: 'B' },
      passwordHash: { from: '***', to: '***' },
      bankAccount: { from: '****4567', to: '****4321' },
    });
    expect(JSON.stringify(changes)).not.toContain('h2');
  });
  it('records a creation as values going from nothing', () => {
    expect(diffChanges(null, { name: 'X', at: new Date('2026-01-01T00:00:00Z') })).toEqual({
      name: { to: 'X' },
      at: { to: '2026-01-01T00:00:00.000Z' },
    });
  });
});

describe('file names', () => {
  it('strips paths and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\合同.pdf')).toBe('合同.pdf');
    expect(safeFileName('a\u0000b\r\n.pdf')).toBe('a_b__.pdf');
    expect(safeFileName('...')).toBe('file');
  });
  it('sends a safe Content-Disposition with the UTF-8 name', () => {
    expect(contentDisposition('合同 "v2".pdf')).toBe(
      `attachment; filename="__ _v2_.pdf"; filename*=UTF-8''${encodeURIComponent('合同 _v2_.pdf')}`,
    );
  });
});

describe('locale from Accept-Language', () => {
  it('picks the first supported language', () => {
    expect(localeFromHeader('en-GB,en;q=0.9')).toBe('en-US');
    expect(localeFromHeader('zh-TW')).toBe('zh-CN');
    expect(localeFromHeader('fr, en;q=0.5')).toBe('en-US');
    expect(localeFromHeader('fr')).toBeUndefined();
    expect(localeFromHeader(undefined)).toBeUndefined();
  });
});

describe('notification rendering', () => {
  it('renders a list parameter in the reader language', () => {
    registerMessages({
      'zh-CN': { 'notification.spec.missing.title': '缺少：{missing}（{n}）', 'spec.kind.a': '甲件', 'spec.kind.b': '乙件' },
      'en-US': { 'notification.spec.missing.title': 'Missing: {missing} ({n})', 'spec.kind.a': 'part A', 'spec.kind.b': 'part B' },
    });
    const row = {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'spec.missing',
      params: { missing: localizedList(['spec.kind.a', 'spec.kind.b']), n: 2 },
      createdAt: new Date('2026-11-01T00:00:00Z'),
      readAt: null,
    } as unknown as NotificationRow;
    expect(renderNotification(row, 'zh-CN').title).toBe('缺少：甲件、乙件（2）');
    expect(renderNotification(row, 'en-US').title).toBe('Missing: part A, part B (2)');
  });
});
