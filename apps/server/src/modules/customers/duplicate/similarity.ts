import { getNameProfile, type Core, type NameProfile } from './name-profile.ts';
import type { PlaceLevel } from './name-tokens.ts';
import { normalizeCompanyName } from './normalize.ts';
import { isHan, isHomophone, toPinyinKey } from './pinyin.ts';
import { editSimilarity, trigramSimilarity } from './trigram.ts';

/**
 * How alike two customer names are, in [0, 1], and whether the duplicate check blocks, warns or
 * stays silent (DOMAIN.md, "Duplicate check"; credit codes, phones and e-mails are checked elsewhere).
 *
 * The score compares what identifies a company, not the letters of the whole name:
 * - the trade name (字号): edit distance where a homophone costs a fifth of a different character
 *   (华鹏 / 华朋: pinyin-input typo; 华能 / 华电: another company), Latin spellings by letters or,
 *   when both are pinyin, by syllables, and a Latin name against a Chinese one by its pinyin;
 * - names without a trade name (国网江苏省电力, 江苏智能电力科技) by their places and industry
 *   words, weighted;
 * - then factors for contradictions: another place (江苏 / 浙江), other industry words on both
 *   sides (许继电气 / 许继集团), or a unit on one side only (…有限公司 / …有限公司苏州分公司).
 * Shared industry words and places alone never reach the warn threshold.
 */

/** A pair scoring at least this is shown to the user as a possible duplicate. */
export const WARN_THRESHOLD = 0.82;

/**
 * The SQL pre-filter: `similarity(normalized_name, $1) > 0.1` (pg_trgm, on `normalizeCompanyName`),
 * and for names in another script `OR similarity(name_pinyin, $2) > 0.1` (on `toPinyinKey`).
 * `classify` never warns below PREFILTER_THRESHOLD + PREFILTER_MARGIN, so the pre-filter never
 * drops a pair the scorer would flag; the margin covers pg_trgm's float4 and trigram hashing.
 * The database needs a UTF-8 LC_CTYPE (C.UTF-8, zh_CN.UTF-8…): under C/POSIX pg_trgm skips Chinese.
 */
export const PREFILTER_THRESHOLD = 0.1;
const PREFILTER_MARGIN = 0.01;

export type DuplicateClass = 'block' | 'warn' | 'none';
export interface NameSimilarity {
  score: number;
  reason: string;
}

const CONFLICT = 0.3;
const PLACE_LEVELS: readonly PlaceLevel[] = ['country', 'region', 'province', 'city', 'district'];

const HAN = /[\u3400-\u9fff]/;

/** Whether a (normalised) name is written with Chinese characters, as the SQL of the candidate search tells it too. */
export const isWrittenInHan = (text: string): boolean => HAN.test(text);

function hasHanText(profile: NameProfile): boolean {
  return isWrittenInHan(profile.normalized);
}

/** The pg_trgm similarity the SQL pre-filter sees for this pair (normalised names, or pinyin across scripts). */
export function prefilterSimilarity(a: NameProfile, b: NameProfile): number {
  const sameScript = trigramSimilarity(a.trigrams, b.trigrams);
  return hasHanText(a) === hasHanText(b) ? sameScript : Math.max(sameScript, trigramSimilarity(a.pinyinTrigrams, b.pinyinTrigrams));
}

/** The two columns the SQL pre-filter searches (each with a GIN gin_trgm_ops index), computed on write. */
export function duplicateSearchKeys(name: string): { normalizedName: string; namePinyin: string } {
  const normalizedName = normalizeCompanyName(name);
  return { normalizedName, namePinyin: toPinyinKey(normalizedName) };
}

function coreSimilarity(a: Core, b: Core): [number, string] {
  if (a.text === b.text) return [1, `same trade name "${a.text}"`];
  const label = `trade name "${a.text}" ~ "${b.text}"`;
  if (a.hasHan && b.hasHan) {
    const plain = editSimilarity(a.chars, b.chars);
    const sounding = editSimilarity(a.chars, b.chars, (x, y) => (x === y ? 0 : isHan(x) && isHan(y) && isHomophone(x, y) ? 0.2 : 1));
    return [sounding, `${label} ${sounding.toFixed(2)}${sounding > plain ? ' (same pinyin)' : ''}`];
  }
  if (!a.hasHan && !b.hasHan) {
    // Read as pinyin only when both read as the same number of syllables: Huapeng / Huaneng are two
    // companies, Meridian / Meridien one typo.
    const asPinyin = a.latinSyllables && b.latinSyllables && a.latinSyllables.length === b.latinSyllables.length;
    const spelled = asPinyin ? editSimilarity(a.latinSyllables!, b.latinSyllables!) : editSimilarity(a.chars, b.chars);
    const value = Math.max(spelled, trigramSimilarity(a.trigrams, b.trigrams));
    return [value, `${label} ${value.toFixed(2)}`];
  }
  const [latin, han] = a.hasHan ? [b, a] : [a, b];
  if (latin.text === han.syllables.join('')) return [1, `trade name "${latin.text}" is the pinyin of "${han.text}"`];
  const value = latin.latinSyllables ? editSimilarity(latin.latinSyllables, han.syllables) : 0;
  return [value, `${label} by pinyin ${value.toFixed(2)}`];
}

function skeletonSimilarity(a: NameProfile, b: NameProfile): number {
  let shared = 0;
  let total = 0;
  for (const [key, weight] of a.skeleton) {
    if (b.skeleton.has(key)) shared += weight;
    // A group marker (国网) or the country (中国) on one side only is usually left out, not different.
    if (b.skeleton.has(key) || weight >= 1) total += weight;
  }
  for (const [key, weight] of b.skeleton) if (a.skeleton.has(key) || weight >= 1) total += weight;
  return total === 0 ? 0 : (2 * shared) / total;
}

function placeFactor(a: NameProfile, b: NameProfile): [number, string] {
  const byPinyin = a.hasLatinPlace || b.hasLatinPlace;
  const [pa, pb] = byPinyin ? [a.placesPinyin, b.placesPinyin] : [a.places, b.places];
  for (const level of PLACE_LEVELS) {
    const [sa, sb] = [pa.get(level), pb.get(level)];
    if (sa && sb && ![...sa].some((place) => sb.has(place)))
      return [CONFLICT, `different ${level}: ${[...sa].join('/')} vs ${[...sb].join('/')}`];
  }
  const local = (places: ReadonlyMap<PlaceLevel, ReadonlySet<string>>) => PLACE_LEVELS.slice(1).filter((level) => places.has(level));
  const [la, lb] = [local(pa), local(pb)];
  if (la.length === 0 && lb.length === 0) return [1, 'no place'];
  if (la.length === 0 || lb.length === 0) return [0.97, 'place on one side only'];
  const flat = (places: ReadonlyMap<PlaceLevel, ReadonlySet<string>>) =>
    new Set(PLACE_LEVELS.slice(1).flatMap((level) => [...(places.get(level) ?? [])]));
  const [fa, fb] = [flat(pa), flat(pb)];
  const extraA = [...fa].filter((place) => !fb.has(place));
  const extraB = [...fb].filter((place) => !fa.has(place));
  if (extraA.length === 0 && extraB.length === 0) return [1, 'same place'];
  // 杭州汇兴电力上海办事处 / 汇兴电力上海办事处: the place before the trade name is left out of short names.
  const leftOut = (extra: string[], profile: NameProfile, other: string[]) =>
    other.length === 0 && extra.every((place) => profile.leadingPlaces.has(place));
  if (leftOut(extraA, a, extraB) || leftOut(extraB, b, extraA)) return [0.97, 'place before the trade name left out'];
  return [0.88, 'place given more precisely on one side'];
}

function isSubset(small: ReadonlySet<string> | readonly string[], large: ReadonlySet<string> | readonly string[]): boolean {
  const set = large instanceof Set ? large : new Set(large);
  return [...small].every((item) => set.has(item));
}

function genericFactor(a: NameProfile, b: NameProfile): [number, string] {
  const [ga, gb] = [a.generic, b.generic];
  if (ga.size === 0 && gb.size === 0) return [1, 'no industry words'];
  if (ga.size === 0 || gb.size === 0) return [0.95, 'industry words on one side only'];
  if (a.genericScript !== b.genericScript && (a.genericScript === 'latin' || b.genericScript === 'latin'))
    return [0.97, 'industry words in two languages'];
  if (isSubset(ga, gb) && isSubset(gb, ga)) return [1, 'same industry words'];
  if (isSubset(ga, gb) || isSubset(gb, ga)) return [0.93, 'industry words partly left out'];
  return [0.6, `different industry words: ${[...ga].join('/')} vs ${[...gb].join('/')}`];
}

function branchFactor(a: NameProfile, b: NameProfile): [number, string] {
  const [ua, ub] = [a.unit, b.unit];
  if (!ua && !ub) return [1, 'no branch'];
  if (ua && ub) {
    const sameWord = !ua.word || !ub.word || ua.word === ub.word;
    const sameUnit =
      ua.fromSegment && ub.fromSegment
        ? isSubset(ua.tokens, ub.tokens) && isSubset(ub.tokens, ua.tokens)
        : ua.fromSegment
          ? isSubset(ua.tokens, ub.tokens)
          : ub.fromSegment
            ? isSubset(ub.tokens, ua.tokens)
            : isSubset(ua.tokens, ub.tokens) || isSubset(ub.tokens, ua.tokens);
    return sameWord && sameUnit ? [1, 'same branch'] : [CONFLICT, 'different branches'];
  }
  const [unit, other] = ua ? [ua, b] : [ub!, a];
  // "国网南京供电公司" names the unit "国网江苏省电力有限公司南京供电分公司" by its own words.
  const namesUnit = unit.tokens.length > 0 && isSubset(unit.tokens, other.tail.slice(-unit.tokens.length));
  return namesUnit ? [1, 'same unit, parent left out'] : [CONFLICT, 'a branch and its parent company'];
}

function score(a: NameProfile, b: NameProfile): NameSimilarity {
  if (!a.normalized || !b.normalized) return { score: 0, reason: 'empty name' };
  if (a.normalized === b.normalized) return { score: 1, reason: 'equal normalised names' };
  let identity: number;
  let identityReason: string;
  const factors: [number, string][] = [];
  if (a.core && b.core) {
    [identity, identityReason] = coreSimilarity(a.core, b.core);
    factors.push(genericFactor(a, b));
  } else if (!a.core && !b.core) {
    identity = skeletonSimilarity(a, b);
    identityReason = `no trade name, places and industry words ${identity.toFixed(2)}`;
  } else {
    identity = 0.2;
    identityReason = `trade name "${(a.core ?? b.core)!.text}" on one side only`;
  }
  factors.push(placeFactor(a, b), branchFactor(a, b));
  const value = factors.reduce((product, [factor]) => product * factor, identity);
  return { score: Math.round(value * 1000) / 1000, reason: [identityReason, ...factors.map(([, why]) => why)].join('; ') };
}

/** Similarity of two customer names in [0, 1], with the reason shown next to a warning. */
export function nameSimilarity(a: string, b: string): NameSimilarity {
  return score(getNameProfile(a), getNameProfile(b));
}

/** block: equal normalised names; warn: similar names (score ≥ WARN_THRESHOLD); none otherwise. */
export function classify(a: string, b: string): DuplicateClass {
  const [pa, pb] = [getNameProfile(a), getNameProfile(b)];
  if (pa.normalized !== '' && pa.normalized === pb.normalized) return 'block';
  if (prefilterSimilarity(pa, pb) < PREFILTER_THRESHOLD + PREFILTER_MARGIN) return 'none';
  return score(pa, pb).score >= WARN_THRESHOLD ? 'warn' : 'none';
}
