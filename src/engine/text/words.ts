// Words: the one way text is cut into words and folded (case, diacritics, curly apostrophes), for the index, the
// alias table and questions alike.

/** Lower case, diacritics removed, curly apostrophes made straight. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ`´]/g, "'")
    .toLowerCase()
}

export interface Word {
  raw: string
  /** Folded, apostrophes and a possessive "'s" removed, digit group commas removed. */
  norm: string
  start: number
  end: number
}

// Numbers with thousands separators stay one word; words may carry inner apostrophes ("Syria's", "Da'esh").
const WORD_RE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{N}]+(?:['’ʼ][\p{L}]+)*/gu

export function splitWords(text: string): Word[] {
  const words: Word[] = []
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0]
    const start = m.index
    words.push({ raw, norm: normWord(raw), start, end: start + raw.length })
  }
  return words
}

function normWord(raw: string): string {
  let w = fold(raw)
  if (/^\d/.test(w)) return w.replace(/,/g, '')
  w = w.replace(/'s$/, '')
  return w.replace(/'/g, '')
}
