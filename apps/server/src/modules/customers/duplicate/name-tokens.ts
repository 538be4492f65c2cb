import {
  BRANCH_WORDS_EN,
  BRANCH_SYNONYMS_ZH,
  BRANCH_WORDS_ZH,
  CHINA_PLACE_ALIASES_EN,
  CITIES_BY_PROVINCE,
  COUNTRIES_EN,
  COUNTRY_ZH,
  DISTRICT_SUFFIXES,
  GENERIC_SYNONYMS_EN,
  GENERIC_SYNONYMS_ZH,
  GENERIC_WORDS_EN,
  GENERIC_WORDS_ZH,
  GROUP_MARKERS,
  LATIN_PLACE_EXCLUDED,
  LOCATION_SUFFIXES,
  PROVINCES,
  REGIONS,
  STOPWORDS_EN,
} from './generic-words.ts';
import { isHan, toSyllables } from './pinyin.ts';
import { editDistance } from './trigram.ts';

/**
 * Reading a company name into tokens: places (with the province a city lies in), industry words,
 * grid-group markers, branch words, and trade-name characters or words (the "core").
 */

export type PlaceLevel = 'country' | 'region' | 'province' | 'city' | 'district';
export interface Place {
  key: string;
  pinyin: string;
  level: PlaceLevel;
  province?: string;
}
type Kind = 'place' | 'generic' | 'marker' | 'branch' | 'core';
export interface Token {
  kind: Kind;
  key: string;
  segment: number;
  place?: Place;
  isLatin: boolean;
}
type Entry = { kind: 'place'; place: Place } | { kind: 'generic' | 'marker' | 'branch'; key: string };

export interface Dictionaries {
  han: Map<string, Entry>;
  firstChars: Set<string>;
  maxHanLength: number;
  latinPlaces: Map<string, Place>;
  provinces: Map<string, Place>;
}

let dictionaries: Dictionaries | undefined;

/** The dictionaries, built on first use (pinyin of every place takes a few milliseconds). */
export function getDictionaries(): Dictionaries {
  dictionaries ??= buildDictionaries();
  return dictionaries;
}
const DISTRICT_SUFFIX_SET: ReadonlySet<string> = new Set(DISTRICT_SUFFIXES);

export function pinyinOf(text: string): string {
  return toSyllables(text).join('');
}

function buildDictionaries(): Dictionaries {
  const han = new Map<string, Entry>();
  const latinPlaces = new Map<string, Place>();
  const provinces = new Map<string, Place>();
  const addPlace = (place: Place, spellings: readonly string[]) => {
    for (const spelling of spellings) if (!han.has(spelling)) han.set(spelling, { kind: 'place', place });
    if (!latinPlaces.has(place.pinyin) && !LATIN_PLACE_EXCLUDED.has(place.pinyin)) latinPlaces.set(place.pinyin, place);
  };
  for (const word of GENERIC_WORDS_ZH) han.set(word, { kind: 'generic', key: GENERIC_SYNONYMS_ZH[word] ?? word });
  for (const word of BRANCH_WORDS_ZH) han.set(word, { kind: 'branch', key: BRANCH_SYNONYMS_ZH[word] ?? word });
  for (const [alias, marker] of Object.entries(GROUP_MARKERS)) han.set(alias, { kind: 'marker', key: marker });
  for (const [short, full] of PROVINCES) {
    const place: Place = { key: short, pinyin: pinyinOf(short), level: 'province' };
    provinces.set(short, place);
    addPlace(place, [full, `${short}省`, `${short}市`, short]);
  }
  for (const [province, cities] of Object.entries(CITIES_BY_PROVINCE)) {
    for (const city of cities) {
      const place: Place = { key: city, pinyin: pinyinOf(city), level: 'city', province };
      addPlace(place, [...LOCATION_SUFFIXES.map((suffix) => city + suffix), city]);
    }
  }
  for (const region of REGIONS) addPlace({ key: region, pinyin: pinyinOf(region), level: 'region' }, [region]);
  addPlace({ key: COUNTRY_ZH, pinyin: 'china', level: 'country' }, [COUNTRY_ZH]);
  for (const country of COUNTRIES_EN) latinPlaces.set(country, { key: country, pinyin: country, level: 'country' });
  for (const [alias, key] of Object.entries(CHINA_PLACE_ALIASES_EN)) {
    const entry = han.get(key);
    if (entry?.kind === 'place') latinPlaces.set(alias, entry.place);
  }
  const maxHanLength = Math.max(...[...han.keys()].map((key) => key.length));
  return { han, firstChars: new Set([...han.keys()].map((key) => key[0]!)), maxHanLength, latinPlaces, provinces };
}

interface Cell {
  cost: number;
  count: number;
  from: number;
  fromCore: boolean;
  /** What the last piece is: a dictionary entry, a district name, or (null) one trade-name character. */
  entry: Entry | 'district' | null;
}

const DISTRICT_COST = 1.5;

/**
 * Splits a run of Han characters into dictionary words and trade-name characters, choosing the
 * reading with the fewest unknown characters, then the fewest pieces: 闽光电子 reads 闽光 + 电子,
 * not 闽 + 光电 + 子; 上海南方电气 reads 上海 + 南方 + 电气, not 上 + 海南 + 方 + 电气.
 * "X区/X县/X市" is an unlisted district, at a cost so that 华联超市 stays a supermarket.
 */
function tokenizeHan(run: string, segment: number, dict: Dictionaries, out: Token[]): void {
  const n = run.length;
  // cells[i * 2 + (last piece is a trade-name character ? 1 : 0)]: best reading of run.slice(0, i).
  const cells: (Cell | undefined)[] = new Array((n + 1) * 2);
  cells[0] = { cost: 0, count: 0, from: -1, fromCore: false, entry: null };
  const offer = (at: number, isCore: boolean, cell: Cell) => {
    const index = at * 2 + (isCore ? 1 : 0);
    const current = cells[index];
    if (!current || cell.cost < current.cost || (cell.cost === current.cost && cell.count < current.count)) cells[index] = cell;
  };
  for (let i = 0; i < n; i++) {
    const words: [number, Entry][] = [];
    if (dict.firstChars.has(run[i]!)) {
      for (let length = Math.min(dict.maxHanLength, n - i); length >= 1; length--) {
        const entry = dict.han.get(run.slice(i, i + length));
        if (entry) words.push([length, entry]);
      }
    }
    const districts = [2, 3].filter((length) => i + length < n && DISTRICT_SUFFIX_SET.has(run[i + length]!));
    for (const fromCore of [false, true]) {
      const cell = cells[i * 2 + (fromCore ? 1 : 0)];
      if (!cell) continue;
      for (const [length, entry] of words) offer(i + length, false, { cost: cell.cost, count: cell.count + 1, from: i, fromCore, entry });
      for (const length of districts)
        offer(i + length + 1, false, { cost: cell.cost + DISTRICT_COST, count: cell.count + 1, from: i, fromCore, entry: 'district' });
      offer(i + 1, true, { cost: cell.cost + 1, count: cell.count + (fromCore ? 0 : 1), from: i, fromCore, entry: null });
    }
  }
  const [plain, core] = [cells[n * 2], cells[n * 2 + 1]];
  let at = n;
  let cell = !core || (plain && (plain.cost < core.cost || (plain.cost === core.cost && plain.count <= core.count))) ? plain : core;
  const tokens: Token[] = [];
  while (cell && cell.from >= 0) {
    const text = run.slice(cell.from, at);
    if (cell.entry === null) tokens.push({ kind: 'core', key: text, segment, isLatin: false });
    else if (cell.entry === 'district') {
      const name = text.slice(0, -1);
      tokens.push({ kind: 'place', key: name, place: { key: name, pinyin: pinyinOf(name), level: 'district' }, segment, isLatin: false });
    } else if (cell.entry.kind === 'place')
      tokens.push({ kind: 'place', key: cell.entry.place.key, place: cell.entry.place, segment, isLatin: false });
    else tokens.push({ kind: cell.entry.kind, key: cell.entry.key, segment, isLatin: false });
    at = cell.from;
    cell = cells[cell.from * 2 + (cell.fromCore ? 1 : 0)];
  }
  out.push(...tokens.reverse());
}

const GENERIC_EN: ReadonlySet<string> = new Set(GENERIC_WORDS_EN);
const fuzzyGenericCache = new Map<string, string | null>();

/** A listed industry word, or one misspelt by a letter when long enough to be unambiguous (Distributers). */
function findGenericWordEn(word: string): string | undefined {
  if (GENERIC_EN.has(word)) return word;
  if (word.length < 7) return undefined;
  let found = fuzzyGenericCache.get(word);
  if (found === undefined) {
    const chars = [...word];
    found =
      GENERIC_WORDS_EN.find((generic) => Math.abs(generic.length - word.length) <= 1 && editDistance([...generic], chars) <= 1) ?? null;
    if (fuzzyGenericCache.size >= 50_000) fuzzyGenericCache.clear();
    fuzzyGenericCache.set(word, found);
  }
  return found ?? undefined;
}

function tokenizeLatin(run: string, segment: number, dict: Dictionaries, out: Token[]): void {
  const words = run.split(' ');
  for (let i = 0; i < words.length;) {
    let place: Place | undefined;
    let length = 3;
    for (; length >= 1 && !place; length--)
      place = i + length <= words.length ? dict.latinPlaces.get(words.slice(i, i + length).join('')) : undefined;
    if (place) {
      out.push({ kind: 'place', key: place.key, place, segment, isLatin: true });
      i += length + 1;
      continue;
    }
    const word = words[i]!;
    i++;
    if (STOPWORDS_EN.has(word)) continue;
    const branch = BRANCH_WORDS_EN[word];
    if (branch) out.push({ kind: 'branch', key: branch, segment, isLatin: true });
    else {
      const generic = findGenericWordEn(word);
      out.push(
        generic
          ? { kind: 'generic', key: GENERIC_SYNONYMS_EN[generic] ?? generic, segment, isLatin: true }
          : { kind: 'core', key: word, segment, isLatin: true },
      );
    }
  }
}

/** Tokens of a name split by `splitCompanyName`; each token knows the part it comes from. */
export function tokenizeCompanyName(segments: readonly string[]): Token[] {
  const dict = getDictionaries();
  const tokens: Token[] = [];
  segments.forEach((segment, index) => {
    for (const run of segment.match(/[\u3400-\u9fff]+|[a-z0-9]+(?: [a-z0-9]+)*/g) ?? []) {
      if (isHan(run[0]!)) tokenizeHan(run, index, dict, tokens);
      else tokenizeLatin(run, index, dict, tokens);
    }
  });
  return tokens;
}
