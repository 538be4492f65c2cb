import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, removeDiacritics, splitCompanyName, stripLegalForm, toHalfWidth, unifyBrackets } from '../normalize.ts';

describe('normalizeCompanyName', () => {
  it('converts full-width letters, digits, punctuation and spaces to half width', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）．，　')).toBe('ABC123()., ');
    expect(normalizeCompanyName('深圳市ＫＭ电子有限公司')).toBe(normalizeCompanyName('深圳市KM电子有限公司'));
  });

  it('unifies every bracket style and keeps what the brackets hold', () => {
    expect(unifyBrackets('（中国）【江苏】[A]〔B〕')).toBe('(中国)(江苏)(A)(B)');
    expect(normalizeCompanyName('德瑞电气【江苏】有限公司')).toBe('德瑞电气江苏');
    expect(normalizeCompanyName('Vantor（中国）有限公司')).not.toBe(normalizeCompanyName('Vantor有限公司'));
  });

  it('trims, removes spaces and punctuation, and lower-cases Latin letters', () => {
    expect(normalizeCompanyName('  江苏 华鹏 变压器 有限公司 ')).toBe('江苏华鹏变压器');
    expect(normalizeCompanyName('AL-NOOR Electrical  Trading')).toBe('alnoorelectricaltrading');
    expect(normalizeCompanyName('Kestrel+Lyon')).toBe(normalizeCompanyName('kestrel lyon'));
  });

  it('removes accents from Latin letters only', () => {
    expect(removeDiacritics('Société Energía Sayaç Dağıtım Øst')).toBe('Societe Energia Sayac Dagitim Ost');
    expect(removeDiacritics('电气ガス')).toBe('电气ガス');
  });

  it('drops Chinese legal forms but keeps 集团', () => {
    for (const form of ['有限公司', '有限责任公司', '股份有限公司', '股份公司', '公司'])
      expect(stripLegalForm(`江苏华鹏变压器${form}`)).toBe('江苏华鹏变压器');
    expect(normalizeCompanyName('江苏华鹏集团有限公司')).toBe('江苏华鹏集团');
    expect(normalizeCompanyName('苏州明达创业投资合伙企业（有限合伙）')).toBe('苏州明达创业投资');
  });

  it('drops foreign legal forms, written any way, but not as the first word', () => {
    const variants = [
      'Co., Ltd.',
      'Co.,Ltd',
      'Company Limited',
      'Ltd.',
      'Limited',
      'Inc.',
      'Corp.',
      'Corporation',
      'LLC',
      'L.L.C.',
      'GmbH',
      'S.A.',
      'AG',
      'Pvt. Ltd.',
      'PLC',
    ];
    for (const form of variants) expect(normalizeCompanyName(`Helios Metering ${form}`)).toBe('heliosmetering');
    expect(normalizeCompanyName('PT. Sinar Listrik Tbk')).toBe('sinarlistrik');
    expect(normalizeCompanyName('The Lakeside Power & Light Company')).toBe('lakesidepowerandlight');
    expect(normalizeCompanyName('SA Power Networks')).toBe('sapowernetworks');
  });

  it('keeps branch words, so that a branch is not its parent', () => {
    const parent = normalizeCompanyName('江苏华鹏变压器有限公司');
    expect(normalizeCompanyName('江苏华鹏变压器有限公司苏州分公司')).not.toBe(parent);
    expect(normalizeCompanyName('江苏华鹏变压器有限公司上海办事处')).not.toBe(parent);
    expect(normalizeCompanyName('Helios Metering Ltd. Shanghai Branch')).not.toBe(normalizeCompanyName('Helios Metering Ltd.'));
  });

  it('keeps a bracketed branch and reads it like one written without brackets', () => {
    const bracketed = normalizeCompanyName('国网江苏省电力有限公司（南京供电分公司）');
    expect(bracketed).not.toBe(normalizeCompanyName('国网江苏省电力有限公司'));
    expect(bracketed).toBe(normalizeCompanyName('国网江苏省电力有限公司南京供电分公司'));
    expect(splitCompanyName('国网江苏省电力有限公司（南京供电分公司）')).toEqual(['国网江苏省电力', '南京供电分公司']);
  });

  it('simplifies traditional characters', () => {
    expect(normalizeCompanyName('華鵬變壓器有限公司')).toBe('华鹏变压器');
  });

  it('leaves nothing of a name that is only a legal form', () => {
    expect(normalizeCompanyName('有限公司')).toBe('');
    expect(normalizeCompanyName('  ')).toBe('');
  });
});
