// Text normalisation: the one place that decides what a "term" is, for the index and for questions alike.
// Case, diacritics, curly or stripped apostrophes ("Syria's", "Syria’s", "Syrias"), the alias table, stop words, stems.

import { stemmer } from 'stemmer'
import { ENTITIES, type EntityDef } from './aliases.js'

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

// ---------------------------------------------------------------------------------------------------------------
// Entities (the alias table compiled for matching)

interface CompiledAlias {
  entity: EntityDef
  /** Normalised words of the alias. */
  words: string[]
  /** For exact-case aliases, the raw words that must match. */
  exact?: string[]
}

/** Nouns that, right after a group's name, belong to it: "Daesh militants", "Russian jets", "regime forces". */
const MEMBER_NOUNS = new Set(
  'militants militant fighters fighter terrorists terrorist members member jihadists forces troops soldiers units jets warplanes aircraft planes helicopters militia militias gunmen elements mercenaries army military'.split(
    ' ',
  ),
)

const aliasesByFirstWord: Map<string, CompiledAlias[]> = compileAliases(ENTITIES)

function compileAliases(entities: readonly EntityDef[]): Map<string, CompiledAlias[]> {
  const byFirst = new Map<string, CompiledAlias[]>()
  const add = (entity: EntityDef, surface: string, exactCase: boolean) => {
    const words = splitWords(surface)
    if (words.length === 0) return
    const alias: CompiledAlias = { entity, words: words.map((w) => w.norm) }
    if (exactCase) alias.exact = words.map((w) => w.raw)
    const first = alias.words[0]!
    const list = byFirst.get(first) ?? []
    list.push(alias)
    byFirst.set(first, list)
  }
  for (const entity of entities) {
    for (const surface of entity.aliases) add(entity, surface, false)
    for (const surface of entity.exact ?? []) add(entity, surface, true)
  }
  // Longest alias first, so "Free Syrian Army" wins over "army".
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  return byFirst
}

export interface EntityMatch {
  entity: EntityDef
  start: number
  end: number
  /** Index of the first and one past the last word covered. */
  fromWord: number
  toWord: number
}

// Words of one alias may be joined by spaces, hyphens or apostrophes, and by a dot after an initial ("U.S.").
const JOINER_RE = /^[\s\-'’]*$/
const INITIAL_JOINER_RE = /^\.[\s-]*$/

function joined(text: string, left: Word, right: Word): boolean {
  const between = text.slice(left.end, right.start)
  return JOINER_RE.test(between) || (left.raw.length === 1 && INITIAL_JOINER_RE.test(between))
}

function wordMatches(word: Word, aliasWord: string, exact: string | undefined, isLast: boolean): boolean {
  if (exact !== undefined) return word.raw === exact || (isLast && word.raw === exact + 's' && exact.length > 2)
  if (word.norm === aliasWord) return true
  // Stripped possessives: "Syrias", "Aleppos", "Assads".
  return isLast && aliasWord.length >= 4 && !aliasWord.endsWith('s') && word.norm === aliasWord + 's'
}

/** Finds the alias table's entities in a text, longest match first, left to right. */
export function findEntities(text: string, words: Word[] = splitWords(text)): EntityMatch[] {
  const matches: EntityMatch[] = []
  let i = 0
  while (i < words.length) {
    const match = matchAt(text, words, i)
    if (match) {
      matches.push(match)
      i = match.toWord
    } else i++
  }
  return matches
}

function matchAt(text: string, words: Word[], i: number): EntityMatch | undefined {
  const first = words[i]!
  const candidates =
    aliasesByFirstWord.get(first.norm) ??
    (first.norm.endsWith('s') ? aliasesByFirstWord.get(first.norm.slice(0, -1)) : undefined)
  if (!candidates) return undefined
  for (const alias of candidates) {
    const n = alias.words.length
    if (i + n > words.length) continue
    let ok = true
    for (let k = 0; k < n && ok; k++) {
      const word = words[i + k]!
      ok = wordMatches(word, alias.words[k]!, alias.exact?.[k], k === n - 1)
      if (ok && k > 0) ok = joined(text, words[i + k - 1]!, word)
    }
    if (!ok) continue
    let toWord = i + n
    const next = words[toWord]
    if (alias.entity.group && next && MEMBER_NOUNS.has(next.norm) && joined(text, words[toWord - 1]!, next)) {
      toWord++
    }
    return { entity: alias.entity, start: first.start, end: words[toWord - 1]!.end, fromWord: i, toWord }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Terms

// Common English words that carry no search meaning; "said" and "says" are in nearly every news sentence.
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves us said says say saying told tell according al el ad would could may might must shall
one s t u n d ll re ve m o y yet however also since upon within without whose its another further`.split(/\s+/),
)

/** Words of a question that are not what it is about. */
export const QUESTION_FILLER = new Set(
  `what when where who whom whose which why how many much did does do was were is are has have had happen happened happens
happening occur occurred date day time year location located locate exactly number figure figures
please tell me show find know anyone anybody there any give list report reports reported responsible behind carried
out done doing ask question quote quotes article articles news say says said about kind sort hey hi bot`.split(/\s+/),
)

export interface Token {
  term: string
  start: number
  end: number
  /** Set when the token is an alias of the table (its term is then the entity's key). */
  entity?: EntityDef
}

export function termOfWord(norm: string): string | null {
  if (norm.length === 0 || STOP_WORDS.has(norm)) return null
  if (/^\d/.test(norm)) return norm
  if (norm.length === 1) return null
  return stemmer(norm)
}

/** The terms of a text, with their positions, entities collapsed to their keys. */
export function analyze(text: string): { tokens: Token[]; entities: EntityMatch[]; words: Word[] } {
  const words = splitWords(text)
  const entities = findEntities(text, words)
  const tokens: Token[] = []
  let e = 0
  for (let i = 0; i < words.length; i++) {
    const entity = entities[e]
    if (entity && entity.fromWord === i) {
      tokens.push({ term: entity.entity.key, start: entity.start, end: entity.end, entity: entity.entity })
      i = entity.toWord - 1
      e++
      continue
    }
    const word = words[i]!
    const term = termOfWord(word.norm)
    if (term) tokens.push({ term, start: word.start, end: word.end })
  }
  return { tokens, entities, words }
}

export function termsOf(text: string): string[] {
  return analyze(text).tokens.map((t) => t.term)
}

/** The search terms of a question: its terms without question words and filler, each once, in order. */
export function questionTerms(question: string): string[] {
  // "take place" asks when, it is not about taking anything.
  const { tokens, words } = analyze(
    question.replace(/\b(?:take|takes|took|taking|taken)\s+place\b/gi, (m) => ' '.repeat(m.length)),
  )
  const filler = new Set<string>()
  for (const w of words) if (QUESTION_FILLER.has(w.norm)) filler.add(w.norm)
  const seen = new Set<string>()
  const terms: string[] = []
  for (const t of tokens) {
    if (!t.entity && filler.has(fold(question.slice(t.start, t.end)).replace(/'/g, ''))) continue
    if (seen.has(t.term)) continue
    seen.add(t.term)
    terms.push(t.term)
  }
  return terms
}
