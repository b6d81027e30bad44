// Text normalisation: the one place that decides what a "term" is, for the index and for questions alike.
// Case, diacritics, curly or stripped apostrophes ("Syria's", "Syria’s", "Syrias"), the alias table, stop words, stems.

import { stemmer } from 'stemmer'
import { findEntities, type EntityMatch } from './entity-match.js'
import { VOCABULARY, type EntityDef } from './aliases.js'
import { fold, splitWords, type Word } from './words.js'

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

/** The vocabulary compiled: one-word forms to their group's key, phrases by their first word (longest first). */
const CONCEPT_OF_WORD = new Map<string, string>()
const PHRASES_BY_FIRST_WORD = new Map<string, Array<{ key: string; words: string[] }>>()
for (const concept of VOCABULARY) {
  for (const form of concept.forms) {
    const words = splitWords(form).map((w) => w.norm)
    if (words.length === 1) CONCEPT_OF_WORD.set(words[0]!, concept.key)
    else if (words.length > 1) {
      const list = PHRASES_BY_FIRST_WORD.get(words[0]!) ?? []
      list.push({ key: concept.key, words })
      PHRASES_BY_FIRST_WORD.set(words[0]!, list)
    }
  }
}
for (const list of PHRASES_BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length)

/** A phrase of the vocabulary starting at word `i` ("lost their lives", "air-strikes"): its key and end word. */
function phraseAt(text: string, words: Word[], i: number): { key: string; toWord: number } | undefined {
  for (const phrase of PHRASES_BY_FIRST_WORD.get(words[i]!.norm) ?? []) {
    const n = phrase.words.length
    if (i + n > words.length) continue
    let ok = true
    for (let k = 1; k < n && ok; k++) {
      ok =
        words[i + k]!.norm === phrase.words[k] &&
        /^[\s-]*$/.test(text.slice(words[i + k - 1]!.end, words[i + k]!.start))
    }
    if (ok) return { key: phrase.key, toWord: i + n }
  }
  return undefined
}

export function termOfWord(norm: string): string | null {
  if (norm.length === 0 || STOP_WORDS.has(norm)) return null
  const concept = CONCEPT_OF_WORD.get(norm)
  if (concept) return concept
  if (/^\d/.test(norm)) return norm
  if (norm.length === 1) return null
  return stemmer(norm)
}

/** The terms of a text, with their positions, entities and the vocabulary's words collapsed to their keys. */
export function analyze(text: string): { tokens: Token[]; entities: EntityMatch[]; words: Word[] } {
  const words = splitWords(text)
  const entities = findEntities(text, words)
  const tokens: Token[] = []
  let e = 0
  for (let i = 0; i < words.length; i++) {
    const entity = entities[e]
    if (entity && entity.fromWord === i) {
      tokens.push({ term: entity.entity.key, start: entity.start, end: entity.end, entity: entity.entity })
      if (entity.entity.keepWords)
        for (let k = i; k < entity.toWord; k++) {
          const term = termOfWord(words[k]!.norm)
          if (term) tokens.push({ term, start: words[k]!.start, end: words[k]!.end })
        }
      i = entity.toWord - 1
      e++
      continue
    }
    const word = words[i]!
    const phrase = phraseAt(text, words, i)
    // A phrase never swallows the start of a name ("entity" is the next one, after this word).
    if (phrase && !(entity && entity.fromWord < phrase.toWord)) {
      tokens.push({ term: phrase.key, start: word.start, end: words[phrase.toWord - 1]!.end })
      i = phrase.toWord - 1
      continue
    }
    const term = termOfWord(word.norm)
    if (term) tokens.push({ term, start: word.start, end: word.end })
  }
  return { tokens, entities, words }
}

export function termsOf(text: string): string[] {
  return analyze(text).tokens.map((t) => t.term)
}

/**
 * A question as people type it, made to read as news writes it: "the us" (lower case, which in running text is the
 * pronoun and no name) is the United States in a question, since "the" never comes before the pronoun. Same length,
 * so offsets into the question stay.
 */
export function asTypedNames(question: string): string {
  return question.replace(/\bthe\s+us\b/gi, (m) => `${m.slice(0, -2)}US`)
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
