import { describe, expect, it } from 'vitest';
import { classify, nameSimilarity, WARN_THRESHOLD } from '../similarity.ts';
import { pgTrigrams, trigramSimilarity } from '../trigram.ts';

const warns = (a: string, b: string) => nameSimilarity(a, b).score >= WARN_THRESHOLD;

describe('generic-word guard', () => {
  it('does not warn on companies that share only their place and industry words', () => {
    const tradeNames = ['华鹏', '金诺', '宏拓', '瑞科', '东润', '威远', '闽光', '德润'];
    for (const a of tradeNames) {
      for (const b of tradeNames) {
        if (a !== b) expect(classify(`南京${a}智能电力科技有限公司`, `南京${b}智能电力科技有限公司`)).toBe('none');
      }
    }
  });

  it('does not warn on names made of generic words in different provinces or cities', () => {
    expect(classify('江苏智能电力科技有限公司', '浙江智能电力科技有限公司')).toBe('none');
    expect(classify('南京新能源科技有限公司', '苏州新能源科技有限公司')).toBe('none');
    expect(classify('Kenya Power and Lighting Company', 'Uganda Power and Lighting Company')).toBe('none');
  });

  it('does not warn when generic names differ in a generic word', () => {
    expect(classify('江苏电气设备有限公司', '江苏电力设备有限公司')).toBe('none');
    expect(classify('江苏电力设备有限公司', '江苏省电力有限公司')).toBe('none');
    expect(classify('Global Energy Solutions Ltd', 'Global Power Solutions Ltd')).toBe('none');
  });

  it('does not let a trade name match a name without one', () => {
    expect(classify('江苏华鹏智能电力科技有限公司', '江苏智能电力科技有限公司')).toBe('none');
  });
});

describe('nameSimilarity', () => {
  it('blocks equal normalised names and explains a warning', () => {
    expect(classify('江苏华鹏变压器有限公司', '江苏华鹏变压器股份有限公司')).toBe('block');
    const similar = nameSimilarity('江苏华鹏变压器有限公司', '江苏华朋变压器有限公司');
    expect(similar.score).toBeGreaterThanOrEqual(WARN_THRESHOLD);
    expect(similar.reason).toContain('same pinyin');
  });

  it('treats a homophone as a typo and another sound as another company', () => {
    expect(warns('江苏华鹏变压器有限公司', '江苏华朋变压器有限公司')).toBe(true);
    expect(warns('南京华能电气有限公司', '南京华电电气有限公司')).toBe(false);
    expect(warns('宁波三鑫智能电气股份有限公司', '宁波三星智能电气股份有限公司')).toBe(false);
  });

  it('finds short names and keeps a group apart from its operating company', () => {
    expect(warns('杭州汇兴电力科技股份有限公司', '汇兴电力')).toBe(true);
    expect(warns('许昌德润电力设备有限公司', '许昌德润集团有限公司')).toBe(false);
  });

  it('keeps a branch apart from its parent and from other branches', () => {
    expect(classify('江苏华鹏变压器有限公司', '江苏华鹏变压器有限公司苏州分公司')).toBe('none');
    expect(classify('江苏华鹏变压器有限公司苏州分公司', '江苏华鹏变压器有限公司无锡分公司')).toBe('none');
  });

  it('knows a grid supply unit by its area, and the province company is not one of its units', () => {
    expect(classify('国网江苏省电力有限公司南京供电分公司', '国网南京供电公司')).toBe('warn');
    expect(classify('国网江苏省电力有限公司', '国网南京供电公司')).toBe('none');
    expect(classify('国网江苏省电力有限公司南京供电分公司', '国网江苏省电力有限公司苏州供电分公司')).toBe('none');
    expect(classify('国网江苏省电力有限公司', '国网江苏电力')).toBe('warn');
  });

  it('matches a Chinese name with its pinyin spelling, syllable by syllable', () => {
    expect(classify('Jiangsu Huapeng Transformer Co., Ltd.', '江苏华鹏变压器有限公司')).toBe('warn');
    expect(classify('Jiangsu Huapeng Transformer Co., Ltd.', '江苏华能变压器有限公司')).toBe('none');
  });

  it('scores empty names as unrelated instead of equal', () => {
    expect(classify('有限公司', '股份有限公司')).toBe('none');
  });
});

describe('trigram similarity', () => {
  it('reproduces pg_trgm similarity()', () => {
    // Values returned by PostgreSQL 18 (PGlite) with pg_trgm.
    expect([...pgTrigrams('a b c')].sort()).toEqual(['  a', '  b', '  c', ' a ', ' b ', ' c ']);
    expect(trigramSimilarity(pgTrigrams('wow'), pgTrigrams('WOWa '))).toBeCloseTo(0.5, 6);
    expect(trigramSimilarity(pgTrigrams('abc'), pgTrigrams('abd'))).toBeCloseTo(0.33333334, 6);
    expect(trigramSimilarity(pgTrigrams('国网江苏电力'), pgTrigrams('国网江苏省电力'))).toBeCloseTo(0.5, 6);
  });
});
