import { getNameProfile } from './name-profile.ts';
import { charReadings } from './pinyin.ts';

/**
 * A narrow candidate search for the duplicate check, for names with a Chinese trade name (字号).
 *
 * The scorer warns only when the trade names agree (similarity.ts, `coreSimilarity` ≥ the warn
 * threshold): for trade names of up to five characters that means the same length and, position
 * by position, the same character or a homophone (a typo of the pinyin input method), or the same
 * name spelled in pinyin. So every name the scorer can flag carries, in its pinyin key
 * (`name_pinyin`), the pinyin of each multi-character part of the trade name in one of the
 * readings of its characters: "江苏华朋变压器" for "华鹏" → "huapeng". `name_pinyin LIKE '%huapeng%'`
 * is answered from the trigram index with a handful of rows, where the trigram pre-filter at
 * similarity 0.1 has to score thousands at 100,000 customers (every 江苏… name shares "江苏").
 *
 * Null when the name has no such trade name (grid units such as 国网南京供电公司 are named by place
 * and industry words; Latin names are compared letter by letter): those keep the trigram search.
 */

/** Longer trade names allow one different character, which a fixed spelling cannot follow. */
const MAX_CORE_LENGTH = 5;
/** Readings multiply; beyond this many spellings the trigram search is the cheaper one. */
const MAX_SPELLINGS = 16;

function spellings(chars: readonly string[]): string[] {
  let out = [''];
  for (const ch of chars) {
    out = out.flatMap((prefix) => charReadings(ch).map((reading) => prefix + reading));
    if (out.length > MAX_SPELLINGS) return [];
  }
  return out;
}

export function corePinyinPatterns(name: string): string[] | null {
  const profile = getNameProfile(name);
  const core = profile.core;
  if (!core || !core.hasHan || core.chars.length > MAX_CORE_LENGTH) return null;
  // The trade name's runs: core tokens next to each other in the name (each may be one character).
  const runs: string[][] = [];
  let run: string[] = [];
  for (const token of profile.tokens) {
    if (token.kind === 'core' && token.isLatin) return null;
    if (token.kind === 'core') {
      run.push(...token.key);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  const multi = runs.filter((chars) => chars.length >= 2);
  if (multi.length === 0) return null;
  const patterns = new Set<string>();
  for (const chars of multi) {
    const spelled = spellings(chars);
    if (spelled.length === 0) return null;
    for (const s of spelled) patterns.add(s);
  }
  return [...patterns];
}
