// "The wall" in a quote, "the Rafiqah Wall" elsewhere in the same article: a /where answer says which landmark the
// quote means, as /who says which force a description means ("US-backed forces (Syrian Democratic Forces)").

import { extractionOf, type SearchIndex } from '../index/build.js'
import { splitWords } from '../text/words.js'
import type { WhereValue } from '../types.js'

/** Landmarks a sentence may call by their kind alone: "the wall", "the dam". */
const DESCRIBED_LANDMARK = /\bthe (wall|dam|gate|citadel|airport|bridge)\b/i

/**
 * The value with "the wall (Rafiqah Wall)" first when the quote says "the wall" and its article names one landmark of
 * that kind, which neither the quote nor the question (its words, normalised) names; the value unchanged otherwise
 * (none, or several: which one is unknown).
 */
export function withNamedLandmark(
  index: SearchIndex,
  article: number,
  quote: string,
  value: WhereValue,
  questionWords: ReadonlySet<string>,
): WhereValue {
  const described = DESCRIBED_LANDMARK.exec(quote)
  if (!described) return value
  const kind = described[1]!.toLowerCase()
  const named = new Set<string>()
  for (let p = index.firstPassageOfArticle[article]!; p < index.firstPassageOfArticle[article + 1]!; p++)
    for (const place of extractionOf(index, p)?.places ?? [])
      if (place.name.toLowerCase().endsWith(` ${kind}`) && !/^(?:the|a|an)\s/i.test(place.name)) named.add(place.name)
  if (named.size !== 1) return value
  const landmark = [...named][0]!
  if (quote.includes(landmark)) return value
  // A place the question names is where to look, not the answer.
  if (splitWords(landmark).every((w) => questionWords.has(w.norm))) return value
  const shown = `${described[0]} (${landmark})`
  return { ...value, places: [shown, ...value.places] }
}
