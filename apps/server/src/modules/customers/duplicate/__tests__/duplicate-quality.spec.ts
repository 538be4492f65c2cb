import { describe, expect, it } from 'vitest';
import { getNameProfile } from '../name-profile.ts';
import { classify, PREFILTER_THRESHOLD, prefilterSimilarity } from '../similarity.ts';
import { DUPLICATE_NAME_PAIRS } from './duplicate-names.fixtures.ts';

describe('duplicate check quality on the labelled name pairs', () => {
  it('is measured on a large, realistically balanced set', () => {
    const sameShare = DUPLICATE_NAME_PAIRS.filter((pair) => pair.same).length / DUPLICATE_NAME_PAIRS.length;
    expect(DUPLICATE_NAME_PAIRS.length).toBeGreaterThanOrEqual(240);
    expect(sameShare).toBeGreaterThan(0.35);
    expect(sameShare).toBeLessThan(0.5);
  });

  it('flags the same company and leaves different companies alone (precision and recall ≥ 95%)', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const pair of DUPLICATE_NAME_PAIRS) {
      const isFlagged = classify(pair.a, pair.b) !== 'none';
      if (isFlagged && pair.same) truePositives++;
      else if (isFlagged) falsePositives++;
      else if (pair.same) falseNegatives++;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const percent = (value: number) => (value * 100).toFixed(1);
    console.log(`duplicate check quality: precision ${percent(precision)}%, recall ${percent(recall)}%, n=${DUPLICATE_NAME_PAIRS.length}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the same answer whichever name is entered first', () => {
    const asymmetric = DUPLICATE_NAME_PAIRS.filter((pair) => classify(pair.a, pair.b) !== classify(pair.b, pair.a));
    expect(asymmetric).toEqual([]);
  });

  it('never flags a pair that the SQL trigram pre-filter would drop', () => {
    const dropped = DUPLICATE_NAME_PAIRS.filter((pair) => {
      const similarity = prefilterSimilarity(getNameProfile(pair.a), getNameProfile(pair.b));
      return classify(pair.a, pair.b) === 'warn' && !(similarity > PREFILTER_THRESHOLD);
    });
    expect(dropped).toEqual([]);
  });
});
