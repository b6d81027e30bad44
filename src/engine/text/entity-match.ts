// The alias table compiled for matching: finds the conflict's actors and places in a text by their aliases, longest
// match first ("Free Syrian Army" before "army"), across hyphens, apostrophes, initials ("U.S.") and possessives.

import { ENTITIES, type EntityDef } from './aliases.js'
import { splitWords, type Word } from './words.js'

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
  // Stripped possessives: "Syrias", "Aleppos", "Assads", and of a name in -us, "Damascuss".
  return (
    isLast &&
    aliasWord.length >= 4 &&
    word.norm === aliasWord + 's' &&
    (!aliasWord.endsWith('s') || aliasWord.endsWith('us'))
  )
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
