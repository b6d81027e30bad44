// Typos and partial words: a term the corpus does not know stands for its neighbours in the vocabulary, the terms
// that start with it ("raqq" → "raqqa") or are within a few edits of it ("aleppoo" → "aleppo").

import SearchableMap from 'minisearch/SearchableMap'

export interface Neighbour {
  term: string
  kind: 'prefix' | 'fuzzy'
  distance: number
}

/** At most this many neighbours per term, the closest first. */
const MAX_NEIGHBOURS = 12

/** Edits allowed for a typo of this length: a quarter of its letters, at most 2, none below 4 letters. */
export function maxEdits(term: string): number {
  return term.length < 4 ? 0 : Math.min(2, Math.round(term.length * 0.25))
}

/** The corpus's terms in MiniSearch's radix tree, which finds words by prefix and within a number of edits. */
export type Vocabulary = SearchableMap<number>

export function vocabularyOf(termFrequency: Map<string, number>): Vocabulary {
  // MiniSearch types from() as SearchableMap<any>; the entries are numbers.
  return SearchableMap.from<number>(termFrequency) as Vocabulary
}

/** Neighbours of `term`: words it begins (3 letters or more), then words a few edits away, the closest first. */
export function nearTerms(vocabulary: Vocabulary, term: string): Neighbour[] {
  const out: Neighbour[] = []
  if (term.length >= 3) {
    for (const candidate of vocabulary.atPrefix(term).keys()) {
      if (candidate !== term) out.push({ term: candidate, kind: 'prefix', distance: candidate.length - term.length })
      if (out.length >= 4 * MAX_NEIGHBOURS) break
    }
  }
  const edits = maxEdits(term)
  if (edits > 0) {
    for (const [candidate, [, distance]] of vocabulary.fuzzyGet(term, edits)) {
      if (candidate !== term && !candidate.startsWith(term)) out.push({ term: candidate, kind: 'fuzzy', distance })
    }
  }
  return out
    .sort((a, b) => a.distance - b.distance || (a.kind === b.kind ? 0 : a.kind === 'prefix' ? -1 : 1))
    .slice(0, MAX_NEIGHBOURS)
}

/** A transliterated name's skeleton needs this many letters to be matched by it: shorter ones collide. */
const MIN_SKELETON = 3

/**
 * The skeleton of a transliterated Arabic name: its first letter, then its consonants, doubled letters once.
 * English spellings of one name differ in their vowels and doubling ("Jasim", "Jassem"; "Khattab", "Khatab";
 * "Jayroud", "Jayrud"; "Hasakah", "Hasakeh"; "Ehsim", "Ihsim"), rarely in their consonants.
 */
export function nameSkeleton(term: string): string {
  if (!/^[a-z]+$/.test(term)) return ''
  // A first vowel is kept as a vowel, any vowel ("Ehsim", "Ihsim").
  const first = /[aeiou]/.test(term[0]!) ? 'a' : term[0]!
  const rest = term
    .slice(1)
    .replace(/gh/g, 'g') // "Shaghour", "Shagour"
    .replace(/([aeiouy])h$/, '$1') // "Shafah", "Shafa"; "Hasakah", "Hasakeh"
    .replace(/[iy]$/, 'I') // "Adnani" (of Adnan) is not "Adnan"
    .replace(/[aeiouy]/g, '') // "Sumariya", "Sumaria"; "Jayroud", "Jarud"
  return (first + rest).replace(/(.)\1+/g, '$1')
}

const skeletonsOf = new WeakMap<Vocabulary, Map<string, string[]>>()

/** Other spellings of a name: terms of the corpus with the same skeleton (none for a short or non-letter term). */
export function otherSpellings(vocabulary: Vocabulary, term: string): string[] {
  const key = nameSkeleton(term)
  if (key.length < MIN_SKELETON) return []
  let table = skeletonsOf.get(vocabulary)
  if (!table) {
    table = new Map()
    for (const t of vocabulary.keys()) {
      const k = nameSkeleton(t)
      if (k.length < MIN_SKELETON) continue
      const list = table.get(k)
      if (list) list.push(t)
      else table.set(k, [t])
    }
    skeletonsOf.set(vocabulary, table)
  }
  return (table.get(key) ?? []).filter((t) => t !== term)
}
