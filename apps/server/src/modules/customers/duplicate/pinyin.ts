import { pinyin } from 'pinyin-pro';
import { PINYIN_SYLLABLES } from './generic-words.ts';

/** Pinyin helpers: toneless syllables, ü written as v, Latin letters and digits passed through. */

const HAN = /[\u3400-\u9fff]/;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

const readingsCache = new Map<string, readonly string[]>();

/** Every toneless reading of one Han character (重 → zhong, chong), cached per character. */
export function charReadings(ch: string): readonly string[] {
  let readings = readingsCache.get(ch);
  if (!readings) {
    readings = isHan(ch) ? pinyin(ch, { multiple: true, toneType: 'none', type: 'array', v: true }) : [ch];
    readingsCache.set(ch, readings);
  }
  return readings;
}

/** Two characters that can be read alike: the typical typo of a pinyin input method (华鹏 / 华朋). */
export function isHomophone(a: string, b: string): boolean {
  if (a === b) return true;
  const readingsB = charReadings(b);
  return charReadings(a).some((reading) => readingsB.includes(reading));
}

/** Syllables of a text read in context (重庆 → chong qing); each run of Latin letters/digits is one item. */
export function toSyllables(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (isHan(run[0]!)) out.push(...pinyin(run, { toneType: 'none', type: 'array', v: true }));
    else out.push(run);
  }
  return out;
}

/**
 * The normalised name spelled in pinyin, for the trigram pre-filter of names written in different
 * scripts: "江苏华鹏变压器" → "jiangsuhuapengbianyaqi".
 */
export function toPinyinKey(normalized: string): string {
  return toSyllables(normalized).join('');
}

const SYLLABLES: ReadonlySet<string> = new Set(PINYIN_SYLLABLES);
const MAX_SYLLABLE = 6;

/**
 * Reads a Latin word as a sequence of pinyin syllables ("huapeng" → hua, peng), preferring the
 * fewest syllables; null when the word is not pinyin (Zambezi).
 */
export function splitPinyin(word: string): string[] | null {
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let len = Math.min(MAX_SYLLABLE, end); len >= 1; len--) {
      const before = best[end - len];
      const syllable = word.slice(end - len, end);
      if (before && SYLLABLES.has(syllable) && (!best[end] || before.length + 1 < best[end]!.length)) {
        best[end] = [...before, syllable];
      }
    }
  }
  return best[word.length] ?? null;
}
