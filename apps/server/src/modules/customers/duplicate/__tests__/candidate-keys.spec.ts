import { describe, expect, it } from 'vitest';
import { corePinyinPatterns } from '../candidate-keys.ts';
import { classify, duplicateSearchKeys } from '../similarity.ts';
import { DUPLICATE_NAME_PAIRS } from './duplicate-names.fixtures.ts';

describe('candidate search by the pinyin of the trade name', () => {
  it('spells each run of the trade name in pinyin, and leaves names without one to the trigram search', () => {
    expect(corePinyinPatterns('江苏华鹏变压器有限公司')).toEqual(['huapeng']);
    expect(corePinyinPatterns('江苏华朋变压器')).toEqual(['huapeng']);
    expect(corePinyinPatterns('国网南京供电公司')).toBeNull();
    expect(corePinyinPatterns('Huapeng Electric')).toBeNull();
  });

  it('finds every labelled pair the scorer flags, whichever name is entered', () => {
    const flagged = DUPLICATE_NAME_PAIRS.filter((pair) => classify(pair.a, pair.b) === 'warn');
    let searched = 0;
    const missed: string[] = [];
    for (const pair of flagged) {
      for (const [entered, stored] of [
        [pair.a, pair.b],
        [pair.b, pair.a],
      ] as const) {
        const patterns = corePinyinPatterns(entered);
        if (!patterns) continue;
        searched++;
        const key = duplicateSearchKeys(stored).namePinyin;
        if (!patterns.some((p) => key.includes(p))) missed.push(`${entered} → ${stored}`);
      }
    }
    expect(searched).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});
