import { getDictionaries, tokenizeCompanyName, type Place, type PlaceLevel, type Token } from './name-tokens.ts';
import { normalizeCompanyName, splitCompanyName } from './normalize.ts';
import { splitPinyin, toPinyinKey, toSyllables } from './pinyin.ts';
import { pgTrigrams } from './trigram.ts';

/**
 * A company name read into its parts: places, industry words, group markers, branch words and the
 * rest, the trade name (字号, "core") that actually tells companies apart. Built once per name
 * and cached, so that scoring a pair is a few set look-ups and one small edit distance.
 */

export interface Core {
  text: string;
  chars: readonly string[];
  hasHan: boolean;
  syllables: readonly string[];
  latinSyllables: readonly string[] | null;
  trigrams: ReadonlySet<string>;
}
export interface Unit {
  word: string;
  tokens: readonly string[];
  fromSegment: boolean;
}
export interface NameProfile {
  normalized: string;
  trigrams: ReadonlySet<string>;
  pinyinTrigrams: ReadonlySet<string>;
  tokens: readonly Token[];
  core: Core | null;
  places: ReadonlyMap<PlaceLevel, ReadonlySet<string>>;
  placesPinyin: ReadonlyMap<PlaceLevel, ReadonlySet<string>>;
  hasLatinPlace: boolean;
  /** Places written before the trade name (杭州 in 杭州汇兴电力), by key and by pinyin: a short name often leaves them out. */
  leadingPlaces: ReadonlySet<string>;
  generic: ReadonlySet<string>;
  genericScript: 'han' | 'latin' | 'mixed' | 'none';
  /** Token key → weight, used when neither name has a trade name; markers and the country weigh little. */
  skeleton: ReadonlyMap<string, number>;
  unit: Unit | null;
  /** Keys of the last tokens that are not branch words. */
  tail: readonly string[];
}

function buildCore(tokens: readonly Token[]): Core | null {
  const coreTokens = tokens.filter((token) => token.kind === 'core');
  if (coreTokens.length === 0) return null;
  const text = coreTokens.map((token) => token.key).join('');
  const hasHan = coreTokens.some((token) => !token.isLatin);
  const latinOnly = coreTokens.every((token) => token.isLatin);
  return {
    text,
    chars: [...text],
    hasHan,
    syllables: toSyllables(text),
    latinSyllables: latinOnly ? splitPinyin(text) : null,
    trigrams: pgTrigrams(coreTokens.map((token) => token.key).join(latinOnly ? ' ' : '')),
  };
}

/** A place and, for a city, the province it lies in: 南京 also says 江苏. */
function withProvince(place: Place): Place[] {
  const province = place.province ? getDictionaries().provinces.get(place.province) : undefined;
  return province ? [place, province] : [place];
}

function addPlace(sets: Map<PlaceLevel, Set<string>>, level: PlaceLevel, value: string): void {
  let set = sets.get(level);
  if (!set) sets.set(level, (set = new Set()));
  set.add(value);
}

function findUnit(tokens: readonly Token[], segmentCount: number): Unit | null {
  if (segmentCount > 1) {
    const last = tokens.filter((token) => token.segment === segmentCount - 1);
    const word = last.findLast((token) => token.kind === 'branch')?.key ?? '';
    return { word, tokens: last.filter((token) => token.kind !== 'branch').map((token) => token.key), fromSegment: true };
  }
  const branchIndex = tokens.findIndex((token) => token.kind === 'branch');
  if (branchIndex < 0) return null;
  const before = tokens.slice(0, branchIndex).filter((token) => token.kind !== 'branch');
  return { word: tokens[branchIndex]!.key, tokens: before.slice(-2).map((token) => token.key), fromSegment: false };
}

export function buildNameProfile(name: string): NameProfile {
  const normalized = normalizeCompanyName(name);
  const segments = splitCompanyName(name);
  const tokens = tokenizeCompanyName(segments);

  const places = new Map<PlaceLevel, Set<string>>();
  const placesPinyin = new Map<PlaceLevel, Set<string>>();
  const generic = new Set<string>();
  const skeleton = new Map<string, number>();
  let genericHan = false;
  let genericLatin = false;
  for (const token of tokens) {
    if (token.place) {
      for (const place of withProvince(token.place)) {
        addPlace(places, place.level, place.key);
        addPlace(placesPinyin, place.level, place.pinyin);
        skeleton.set(place.key, place.level === 'country' ? 0.25 : 1);
      }
    } else if (token.kind === 'generic') {
      generic.add(token.key);
      skeleton.set(token.key, 1);
      if (token.isLatin) genericLatin = true;
      else genericHan = true;
    } else if (token.kind === 'marker') {
      skeleton.set(token.key, 0.25);
    }
  }

  const leadingPlaces = new Set<string>();
  const firstCore = tokens.findIndex((token) => token.kind === 'core');
  for (const token of tokens.slice(0, Math.max(firstCore, 0))) {
    if (token.place && token.segment === 0) for (const place of withProvince(token.place)) leadingPlaces.add(place.key).add(place.pinyin);
  }

  const plain = tokens.filter((token) => token.kind !== 'branch');
  const last = plain.at(-1);
  const beforeLast = plain.at(-2);
  if (last?.key === '供电' && beforeLast?.place && ['city', 'district'].includes(beforeLast.place.level)) {
    // A grid power-supply unit is known by its area: 国网南京供电公司 = 国网江苏省电力有限公司南京供电分公司.
    for (const [key, weight] of skeleton) if (weight < 1 || (generic.has(key) && key !== '供电')) skeleton.delete(key);
  }

  return {
    normalized,
    trigrams: pgTrigrams(normalized),
    pinyinTrigrams: pgTrigrams(toPinyinKey(normalized)),
    tokens,
    core: buildCore(tokens),
    places,
    placesPinyin,
    hasLatinPlace: tokens.some((token) => token.place && token.isLatin),
    leadingPlaces,
    generic,
    genericScript: genericHan && genericLatin ? 'mixed' : genericHan ? 'han' : genericLatin ? 'latin' : 'none',
    skeleton,
    unit: findUnit(tokens, segments.length),
    tail: plain.slice(-4).map((token) => token.key),
  };
}

const CACHE_SIZE = 20_000;
const cache = new Map<string, NameProfile>();

/** The profile of a name, cached (names are compared against many candidates). */
export function getNameProfile(name: string): NameProfile {
  let profile = cache.get(name);
  if (!profile) {
    profile = buildNameProfile(name);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(name, profile);
  }
  return profile;
}
