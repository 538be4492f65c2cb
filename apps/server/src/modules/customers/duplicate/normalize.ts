import { toSimplified } from './han-variants.ts';

/**
 * Company-name normalisation for the duplicate check (DOMAIN.md, "Duplicate check"). Two names
 * whose normalised forms are equal are the same company (block), so every rule here must be safe:
 * it only removes what never distinguishes two legal entities.
 *
 * Decisions:
 * - Legal forms are removed wherever they stand. Behind "有限公司" in the middle of a name starts a
 *   unit of the company (国网江苏省电力有限公司南京供电分公司), so that boundary is kept for the
 *   similarity scorer (`splitCompanyName`), while the normalised name simply joins the parts.
 * - Brackets are unified, then unwrapped with their content kept: 施耐德电气（中国） and 施耐德电气中国
 *   are written both ways for one registered name, and a bracketed branch (（南京供电分公司）) or
 *   place (（厦门）) does distinguish companies. Only a bracketed legal form ((有限合伙), (Persero))
 *   is dropped.
 * - Branch words (分公司, 办事处, Branch, …) and 集团 are kept: they make a different entity.
 * - Traditional characters common in names are simplified; place suffixes (省, 市) are kept here
 *   and handled by the scorer, because "江苏省X" and "江苏X" are not always written for one entity.
 */

const CJK_PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.',
  '、': ',',
  '・': ' ',
  '·': ' ',
  '—': '-',
  '–': '-',
  '\u00a0': ' ',
};

/** Full-width ASCII (letters, digits, punctuation) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += CJK_PUNCTUATION[ch] ?? ch;
  }
  return out;
}

const OPENING = '([{（［｛【〔〖〈《「『';
const CLOSING = ')]}）］｝】〕〗〉》」』';

/** All bracket styles to ( and ). */
export function unifyBrackets(text: string): string {
  let out = '';
  for (const ch of text) out += OPENING.includes(ch) ? '(' : CLOSING.includes(ch) ? ')' : ch;
  return out;
}

const LATIN_SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', ø: 'o', ł: 'l', đ: 'd', ı: 'i', œ: 'oe', þ: 'th' };

/** Accents off Latin letters (Energía → Energia, Sayaç → Sayac); other scripts are left alone. */
export function removeDiacritics(text: string): string {
  return text.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, (ch) => {
    const lower = ch.toLowerCase();
    const special = LATIN_SPECIAL[lower];
    if (special) return ch === lower ? special : special.toUpperCase();
    return ch.normalize('NFD').replace(/\p{M}/gu, '');
  });
}

const SEP = '|';
const BRACKETED_LEGAL = /\(\s*(?:有限合伙|普通合伙|特殊普通合伙|个人独资|外商独资|中外合资|中外合作|persero|pty|pvt)\s*\)/g;
const CHINESE_LEGAL = /股份有限公司|有限责任公司|有限公司|股份公司|个人独资企业|合伙企业|(?<![分支子总])公司/g;
const LATIN_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bjoint stock company\b/g, ' jsc '],
  [/\bpublic limited company\b/g, ' plc '],
  [/\bprivate limited\b/g, ' pvt ltd '],
  [/\bsociedad anonima\b/g, ' sa '],
];
/** Latin legal forms removed wherever they stand, except as the first word (SA Power Networks). */
const LATIN_LEGAL = new Set(
  (
    'limited ltd llc llp pllc lp inc incorporated corp corporation company co plc gmbh pvt pte pty sdn bhd tbk jsc wll fze fzco fzc fz ' +
    'aktiengesellschaft establishment est sarl srl spa sas sac saa sa ag nv bv ab as asa oy oyj kg kft zrt doo ou sae soc se kk'
  ).split(' '),
);
/** Legal forms that lead a name (PT Sinar, OOO Energoschet). */
const LATIN_LEADING = new Set('pt cv ooo oao pao zao pjsc ojsc cjsc jsc tov ao the'.split(' '));

function stripLatinLegalForms(segment: string, isFirstSegment: boolean): string {
  let text = segment;
  for (const [pattern, replacement] of LATIN_PHRASES) text = text.replace(pattern, replacement);
  const words = text.split(/([a-z0-9]+)/);
  // split() with a capture group alternates separators (even indices) and words (odd indices).
  let firstWordIndex = -1;
  for (let i = 1; i < words.length; i += 2) {
    const word = words[i]!;
    const isFirst = isFirstSegment && firstWordIndex === -1 && words.slice(0, i).join('').trim() === '';
    if (isFirst) {
      firstWordIndex = i;
      if (LATIN_LEADING.has(word) && words.slice(i + 1).some((w) => /[a-z0-9\u3400-\u9fff]/.test(w))) words[i] = '';
      continue;
    }
    if (LATIN_LEGAL.has(word)) words[i] = '';
  }
  return words.join('');
}

function cleanSegment(segment: string): string {
  return segment
    .replace(/\s+/g, ' ')
    .replace(/ ?([\u3400-\u9fff]) ?/g, '$1')
    .trim();
}

/**
 * Removes legal-form words from half-width, lower-case text with unified brackets, and returns the
 * name's parts: the company, then any unit named after a legal form in the middle of the name.
 */
export function splitAtLegalForms(text: string): string[] {
  const marked = text.replaceAll(SEP, ' ').replace(BRACKETED_LEGAL, ' ').replace(CHINESE_LEGAL, SEP);
  return marked
    .split(SEP)
    .map((segment, index) => {
      const unwrapped = segment
        .replace(/[()]/g, ' ')
        .replace(/&/g, ' and ')
        .replace(/['.]/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ');
      return cleanSegment(stripLatinLegalForms(` ${unwrapped} `, index === 0));
    })
    .filter((segment) => segment !== '');
}

/** Legal-form words out of half-width, lower-case text with unified brackets. */
export function stripLegalForm(text: string): string {
  return splitAtLegalForms(text).join('');
}

function prepare(name: string): string {
  return unifyBrackets(removeDiacritics(toSimplified(toHalfWidth(name))).toLowerCase());
}

/**
 * The name's parts after normalisation, Latin words still separated by single spaces:
 * "国网江苏省电力有限公司（南京供电分公司）" → ["国网江苏省电力", "南京供电分公司"].
 */
export function splitCompanyName(name: string): string[] {
  return splitAtLegalForms(prepare(name));
}

/**
 * The key compared for equality and indexed for trigram search: letters and digits only, no
 * spaces. "ＡＢＢ（中国）有限公司" and "ABB 中国 有限公司" both give "abb中国".
 */
export function normalizeCompanyName(name: string): string {
  return splitCompanyName(name)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
