// Posting lists of the frequent terms ("kill", "syria", "aleppo"): sorted passage numbers in one typed array.
// MiniSearch indexes the selective terms of every passage; a frequent term says little about a question and costs
// most to scan in MiniSearch, so it is kept here instead, where looking a passage up is a binary search and
// intersecting two terms is a gallop through two arrays.

/**
 * A term in more passages than this is frequent: 3% of the passages, but at least 300 and at most 1,000, so that a
 * question never makes MiniSearch scan more than a thousand postings per term however large the corpus grows.
 */
export function frequentThreshold(passageCount: number): number {
  return Math.min(1000, Math.max(300, Math.round(0.03 * passageCount)))
}

export interface FrequentPostings {
  /** Term → its slot. */
  slots: Map<string, number>
  /** Postings of slot s: postings[offsets[s] .. offsets[s + 1]), ascending passage numbers. */
  offsets: Uint32Array
  postings: Uint32Array
}

/** Builds the posting lists of the frequent terms from each passage's terms (passages in ascending order). */
export function buildFrequentPostings(
  passageTerms: Iterable<string[]>,
  termFrequency: Map<string, number>,
  threshold: number,
): FrequentPostings {
  const terms = [...termFrequency]
    .filter(([, df]) => df > threshold)
    .map(([t]) => t)
    .sort()
  const slots = new Map(terms.map((t, i) => [t, i]))
  const offsets = new Uint32Array(terms.length + 1)
  for (let s = 0; s < terms.length; s++) offsets[s + 1] = offsets[s]! + termFrequency.get(terms[s]!)!
  const postings = new Uint32Array(offsets[terms.length]!)
  const fill = offsets.slice(0, terms.length)
  let p = 0
  for (const list of passageTerms) {
    for (const term of new Set(list)) {
      const s = slots.get(term)
      if (s !== undefined) postings[fill[s]!++] = p
    }
    p++
  }
  return { slots, offsets, postings }
}

export function postingsOf(f: FrequentPostings, term: string): Uint32Array | undefined {
  const s = f.slots.get(term)
  return s === undefined ? undefined : f.postings.subarray(f.offsets[s], f.offsets[s + 1])
}

/** Whether a sorted list holds the passage. */
export function contains(list: Uint32Array, passage: number): boolean {
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = list[mid]!
    if (v === passage) return true
    if (v < passage) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** Whether a sorted list holds a passage in [from, to): an article holds the term. */
export function containsAnyIn(list: Uint32Array, from: number, to: number): boolean {
  const at = gallop(list, from, 0)
  return at < list.length && list[at]! < to
}

/** The passages in every list (shortest first is fastest); gallops through the longer lists. */
export function intersect(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0)
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let result = sorted[0]!
  for (let k = 1; k < sorted.length && result.length > 0; k++) {
    const other = sorted[k]!
    const out = new Uint32Array(result.length)
    let n = 0
    let at = 0
    for (let i = 0; i < result.length; i++) {
      const v = result[i]!
      at = gallop(other, v, at)
      if (at >= other.length) break
      if (other[at] === v) out[n++] = v
    }
    result = out.subarray(0, n)
  }
  return result
}

/** First index ≥ from whose value is ≥ target (galloping, then binary search): for sorted posting lists. */
export function gallop(list: Uint32Array, target: number, from: number): number {
  let step = 1
  let hi = from
  while (hi < list.length && list[hi]! < target) {
    from = hi + 1
    hi += step
    step *= 2
  }
  hi = Math.min(hi, list.length)
  let lo = from
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < target) lo = mid + 1
    else hi = mid
  }
  return lo
}
