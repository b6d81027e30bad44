// Reading numbers as news writes them: "173", "300,000", "1.2 million", "eleven million", "twenty-five",
// "three hundred and twelve", "half a million", and vague quantities mapped the way conflict databases do
// (ACLED: tens 10, dozens 12, scores 20, hundreds 100), marked approximate, as are "two dozen" (24) and "half a dozen".
// "Scores" is read as one score (20), the least it can mean, as "dozens" is one dozen; "several hundred" and "a few dozen"
// likewise stand for one hundred and one dozen. "A dozen" is a count (12, not approximate): it is how English says twelve.

import type { Word } from '../text/words.js'

export interface NumberPhrase {
  value: number
  approximate: boolean
  /** Word indexes [fromWord, toWord). */
  fromWord: number
  toWord: number
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
}
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 }

/** Vague plural quantities and the number they stand for. */
const VAGUE: Record<string, number> = {
  tens: 10,
  dozens: 12,
  scores: 20,
  hundreds: 100,
  thousands: 1_000,
  millions: 1_000_000,
}

/** "several dozen", "a few hundred": one of the unit, approximate, as "dozens" and "hundreds" are. */
function severalOf(words: Word[], i: number, unit: number): NumberPhrase | undefined {
  const n = words[unit]?.norm
  if (n === 'dozen') return { value: 12, approximate: true, fromWord: i, toWord: unit + 1 }
  if (n === 'hundred' || n === 'thousand' || n === 'million')
    return { value: SCALES[n]!, approximate: true, fromWord: i, toWord: unit + 1 }
  return undefined
}

function isNumberWord(norm: string): boolean {
  return norm in UNITS || norm in TENS || norm in SCALES || norm === 'dozen'
}

/**
 * Reads a number starting at word `i`, or returns undefined.
 * `joinerOk(a, b)` says whether words a and b are adjacent (only spaces or a hyphen between).
 */
export function readNumber(
  words: Word[],
  i: number,
  joinerOk: (a: number, b: number) => boolean,
): NumberPhrase | undefined {
  const w = words[i]
  if (!w) return undefined
  const norm = w.norm

  // Vague: "dozens", "hundreds", "tens of thousands", "hundreds of thousands".
  if (norm in VAGUE) {
    const base = VAGUE[norm]!
    const of = words[i + 1]
    const scale = words[i + 2]
    if (of?.norm === 'of' && scale && (scale.norm === 'thousands' || scale.norm === 'millions')) {
      return {
        value: base * (scale.norm === 'thousands' ? 1_000 : 1_000_000),
        approximate: true,
        fromWord: i,
        toWord: i + 3,
      }
    }
    return { value: base, approximate: true, fromWord: i, toWord: i + 1 }
  }
  // "a dozen", "a hundred", "a few dozen".
  if (norm === 'a' || norm === 'an') {
    const next = words[i + 1]
    if (next?.norm === 'few') return severalOf(words, i, i + 2)
    if (next && (next.norm === 'dozen' || next.norm in SCALES) && joinerOk(i, i + 1)) {
      const value = next.norm === 'dozen' ? 12 : SCALES[next.norm]!
      return { value, approximate: false, fromWord: i, toWord: i + 2 }
    }
    return undefined
  }
  // "several hundred", "several dozen".
  if (norm === 'several') return severalOf(words, i, i + 1)
  if (norm === 'half') {
    const a = words[i + 1]
    const scale = words[i + 2]
    // "half a dozen": about six.
    if (a?.norm === 'a' && scale?.norm === 'dozen') return { value: 6, approximate: true, fromWord: i, toWord: i + 3 }
    if (a?.norm === 'a' && scale && scale.norm in SCALES && scale.norm !== 'hundred') {
      return { value: SCALES[scale.norm]! / 2, approximate: false, fromWord: i, toWord: i + 3 }
    }
    return undefined
  }

  // Digits, possibly with a scale word: "300,000", "1.2 million", "4000".
  if (/^\d/.test(norm)) {
    if (!/^\d+(\.\d+)?$/.test(norm)) return undefined
    let value = Number(norm)
    let toWord = i + 1
    const scale = words[toWord]
    if (scale && scale.norm in SCALES && joinerOk(i, toWord)) {
      value *= SCALES[scale.norm]!
      toWord++
    } else if (scale?.norm === 'dozen' && joinerOk(i, toWord)) {
      return { value: value * 12, approximate: true, fromWord: i, toWord: toWord + 1 }
    }
    if (!Number.isInteger(value)) return undefined
    return { value, approximate: false, fromWord: i, toWord }
  }

  // Number words: "eleven million", "twenty-five", "three hundred and twelve".
  if (!isNumberWord(norm) || norm === 'hundred' || norm === 'thousand' || norm === 'million' || norm === 'billion')
    return undefined
  if (norm === 'dozen') return undefined
  let total = 0
  let current = 0
  let j = i
  let last = i
  while (j < words.length) {
    const word = words[j]!
    const n = word.norm
    if (j > i && !joinerOk(j - 1, j)) break
    if (n in UNITS) current += UNITS[n]!
    else if (n in TENS) current += TENS[n]!
    else if (n === 'hundred') current = (current || 1) * 100
    else if (n in SCALES) {
      total += (current || 1) * SCALES[n]!
      current = 0
    } else if (
      n === 'and' &&
      j > i &&
      words[j + 1] &&
      isNumberWord(words[j + 1]!.norm) &&
      words[j - 1]!.norm === 'hundred'
    ) {
      j++
      continue
    } else break
    last = j
    j++
  }
  const value = total + current
  // "two dozen", "nearly two dozen": about 24.
  const dozen = words[last + 1]
  if (dozen?.norm === 'dozen' && joinerOk(last, last + 1) && value < 100)
    return { value: value * 12, approximate: true, fromWord: i, toWord: last + 2 }
  return { value, approximate: false, fromWord: i, toWord: last + 1 }
}
