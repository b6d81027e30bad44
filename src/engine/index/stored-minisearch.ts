// MiniSearch as an index file holds it: not its JSON (parsing it and filling a million passages' maps took most of
// the load at FA-KES ×100) but typed arrays, read in place, behind read-only views with the Map methods MiniSearch
// reads through. Its radix tree of terms is rebuilt at load (a few thousand terms); its postings, document ids and
// field lengths stay in the arrays. Searches run MiniSearch's own code over the same data, so they find the same
// passages with the same scores in the same order as the index that was saved.

import MiniSearch, { type AsPlainObject, type Options } from 'minisearch'

/** MiniSearch's own figures, and its terms in the order of its index. */
export interface MiniSearchMeta {
  documentCount: number
  nextId: number
  fieldIds: Record<string, number>
  averageFieldLength: number[]
  dirtCount: number
  serializationVersion: number
  terms: string[]
}

/**
 * The arrays. MiniSearch numbers its documents 0, 1, … (short ids); short id s is the document `ids[s]` (a passage
 * number, ascending) with `fieldLengths[s]` terms. The postings of term t are `postings[offsets[t] .. offsets[t + 1])`,
 * ascending short ids, each with its count in `frequencies`.
 */
export interface StoredMiniSearch {
  meta: MiniSearchMeta
  offsets: Uint32Array
  postings: Uint32Array
  frequencies: Uint32Array
  ids: Uint32Array
  fieldLengths: Uint32Array
}

/** The stored form of each MiniSearch read from a file: saving it again writes the same arrays. */
const storedOf = new WeakMap<object, StoredMiniSearch>()

const U32 = 0x1_0000_0000

function notStorable(what: string): Error {
  return new Error(`MiniSearch cannot be stored as typed arrays: ${what}`)
}

/** The typed-array form of a MiniSearch (one field, documents never removed, numeric ids in ascending order). */
export function storeMiniSearch<T>(miniSearch: MiniSearch<T>): StoredMiniSearch {
  const known = storedOf.get(miniSearch)
  if (known) return known
  const js: AsPlainObject = miniSearch.toJSON()
  const fields = Object.values(js.fieldIds)
  if (fields.length !== 1) throw notStorable(`${fields.length} fields (one is stored)`)
  const field = String(fields[0])
  const n = js.nextId
  if (js.documentCount !== n || (js.dirtCount ?? 0) !== 0) throw notStorable('documents were removed')
  const ids = new Uint32Array(n)
  const fieldLengths = new Uint32Array(n)
  for (let s = 0; s < n; s++) {
    const id: unknown = js.documentIds[s]
    const length = js.fieldLength[s]?.[fields[0]!]
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= U32 || (s > 0 && id <= ids[s - 1]!))
      throw notStorable(`document ${s} has id ${String(id)} (ids are ascending whole numbers)`)
    if (typeof length !== 'number' || !(length >= 0 && length < U32)) throw notStorable(`document ${s} has no length`)
    ids[s] = id
    fieldLengths[s] = length
  }
  const terms: string[] = []
  let total = 0
  for (const [, data] of js.index) total += Object.keys(data[field] ?? {}).length
  const offsets = new Uint32Array(js.index.length + 1)
  const postings = new Uint32Array(total)
  const frequencies = new Uint32Array(total)
  let at = 0
  js.index.forEach(([term, data], t) => {
    const keys = Object.keys(data)
    if (keys.length !== 1 || keys[0] !== field) throw notStorable(`term ${term} is in fields ${keys.join(', ')}`)
    // Integer keys enumerate in ascending order: the order MiniSearch added the documents in.
    for (const [shortId, count] of Object.entries(data[field]!)) {
      postings[at] = Number(shortId)
      frequencies[at++] = count
    }
    terms.push(term)
    offsets[t + 1] = at
  })
  const { documentCount, nextId, fieldIds, averageFieldLength, serializationVersion } = js
  return {
    meta: { documentCount, nextId, fieldIds, averageFieldLength, dirtCount: 0, serializationVersion, terms },
    offsets,
    postings,
    frequencies,
    ids,
    fieldLengths,
  }
}

/**
 * Why the arrays cannot be a MiniSearch index of `passageCount` passages, or undefined when they can: sizes agree,
 * postings are ascending and point at documents, document ids are ascending passages.
 */
export function checkStoredMiniSearch(s: StoredMiniSearch, passageCount: number): string | undefined {
  const m = s.meta
  const bad = (what: string) => `its search index does not agree with itself (${what})`
  if (
    typeof m !== 'object' ||
    m === null ||
    !Array.isArray(m.terms) ||
    !Array.isArray(m.averageFieldLength) ||
    typeof m.fieldIds !== 'object' ||
    m.fieldIds === null
  )
    return bad('its description')
  if (m.serializationVersion !== 2) return bad(`serialisation version ${String(m.serializationVersion)}`)
  if (Object.keys(m.fieldIds).length !== 1) return bad('fields')
  const n = m.nextId
  if (m.documentCount !== n || m.dirtCount !== 0 || s.ids.length !== n || s.fieldLengths.length !== n)
    return bad('documents')
  for (let i = 0; i < n; i++)
    if (s.ids[i]! >= passageCount || (i > 0 && s.ids[i]! <= s.ids[i - 1]!)) return bad('document ids')
  const { offsets, postings } = s
  if (offsets.length !== m.terms.length + 1 || offsets[0] !== 0 || offsets[m.terms.length] !== postings.length)
    return bad('terms')
  if (s.frequencies.length !== postings.length) return bad('frequencies')
  for (let t = 0; t < m.terms.length; t++) {
    const from = offsets[t]!
    const to = offsets[t + 1]!
    if (typeof m.terms[t] !== 'string' || to < from || to > postings.length) return bad('terms')
    for (let i = from; i < to; i++)
      if (postings[i]! >= n || (i > from && postings[i]! <= postings[i - 1]!)) return bad('postings')
  }
  return undefined
}

/** What of MiniSearch's inside is replaced by views (names of its private fields, MiniSearch 7). */
interface Internals {
  _documentIds: unknown
  _idToShortId: unknown
  _fieldLength: unknown
  _storedFields: unknown
  _index: { set(term: string, data: unknown): unknown }
}

/**
 * A MiniSearch over checked arrays (checkStoredMiniSearch). A generator: it pauses (yields) every few thousand terms,
 * so that an asynchronous reader lets other work run between them.
 */
export function* loadMiniSearch<T>(s: StoredMiniSearch, options: Options<T>): Generator<void, MiniSearch<T>> {
  const { terms, ...figures } = s.meta
  // MiniSearch's own loader sets its figures; the maps it would fill from JSON are left empty, then replaced.
  const miniSearch = MiniSearch.loadJS<T>(
    { ...figures, documentIds: {}, fieldLength: {}, storedFields: {}, index: [] },
    options,
  )
  const inside = miniSearch as unknown as Internals
  for (const name of ['_documentIds', '_idToShortId', '_fieldLength', '_storedFields'] as const)
    if (!(inside[name] instanceof Map)) throw new Error(`this version of MiniSearch has no ${name} map`)
  if (typeof inside._index?.set !== 'function') throw new Error('this version of MiniSearch has no _index tree')
  inside._documentIds = new DocumentIds(s.ids)
  inside._idToShortId = new ShortIds(s.ids)
  inside._fieldLength = new FieldLengths(s.fieldLengths)
  const field = Object.values(s.meta.fieldIds)[0]!
  for (let t = 0; t < terms.length; t++) {
    const postings = new Postings(s.postings, s.frequencies, s.offsets[t]!, s.offsets[t + 1]!)
    inside._index.set(terms[t]!, new TermFields(field, postings))
    if ((t + 1) % 20_000 === 0) yield
  }
  storedOf.set(miniSearch, s)
  return miniSearch
}

function readOnly(): never {
  throw new Error('a MiniSearch read from an index file cannot be changed; build a new index instead')
}

/** The Map methods MiniSearch uses, over a key → value lookup: what the read-only views share. */
abstract class View<K, V> {
  abstract readonly size: number
  abstract get(key: K): V | undefined
  abstract has(key: K): boolean
  abstract entries(): IterableIterator<[K, V]>

  *keys(): IterableIterator<K> {
    for (const [k] of this.entries()) yield k
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries()
  }

  forEach(fn: (value: V, key: K, map: this) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this)
  }

  set(): never {
    return readOnly()
  }

  delete(): never {
    return readOnly()
  }

  clear(): never {
    return readOnly()
  }
}

const isShortId = (k: unknown, n: number): k is number =>
  typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < n

/** Short id → document id. */
class DocumentIds extends View<number, number> {
  constructor(private readonly ids: Uint32Array) {
    super()
  }
  get size(): number {
    return this.ids.length
  }
  has(s: number): boolean {
    return isShortId(s, this.ids.length)
  }
  get(s: number): number | undefined {
    return isShortId(s, this.ids.length) ? this.ids[s] : undefined
  }
  *entries(): IterableIterator<[number, number]> {
    for (let s = 0; s < this.ids.length; s++) yield [s, this.ids[s]!]
  }
}

/** Document id → short id: a binary search of the ascending ids. */
class ShortIds extends View<number, number> {
  constructor(private readonly ids: Uint32Array) {
    super()
  }
  get size(): number {
    return this.ids.length
  }
  has(id: number): boolean {
    return this.get(id) !== undefined
  }
  get(id: number): number | undefined {
    const at = search(this.ids, 0, this.ids.length, id)
    return at < 0 ? undefined : at
  }
  *entries(): IterableIterator<[number, number]> {
    for (let s = 0; s < this.ids.length; s++) yield [this.ids[s]!, s]
  }
}

/** Short id → its field lengths (one field). */
class FieldLengths extends View<number, number[]> {
  constructor(private readonly lengths: Uint32Array) {
    super()
  }
  get size(): number {
    return this.lengths.length
  }
  has(s: number): boolean {
    return isShortId(s, this.lengths.length)
  }
  get(s: number): number[] | undefined {
    return isShortId(s, this.lengths.length) ? [this.lengths[s]!] : undefined
  }
  *entries(): IterableIterator<[number, number[]]> {
    for (let s = 0; s < this.lengths.length; s++) yield [s, [this.lengths[s]!]]
  }
}

/** A term's postings: short id → how often the term occurs in it, in ascending short ids. */
class Postings extends View<number, number> {
  constructor(
    private readonly postings: Uint32Array,
    private readonly frequencies: Uint32Array,
    private readonly from: number,
    private readonly to: number,
  ) {
    super()
  }
  get size(): number {
    return this.to - this.from
  }
  has(s: number): boolean {
    return search(this.postings, this.from, this.to, s) >= 0
  }
  get(s: number): number | undefined {
    const at = search(this.postings, this.from, this.to, s)
    return at < 0 ? undefined : this.frequencies[at]
  }
  override keys(): IterableIterator<number> {
    return this.postings.subarray(this.from, this.to).values()
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = this.from; i < this.to; i++) yield [this.postings[i]!, this.frequencies[i]!]
  }
}

/** A term's data: field id → its postings (one field). */
class TermFields extends View<number, Postings> {
  readonly size = 1
  constructor(
    private readonly field: number,
    private readonly postings: Postings,
  ) {
    super()
  }
  has(f: number): boolean {
    return f === this.field
  }
  get(f: number): Postings | undefined {
    return f === this.field ? this.postings : undefined
  }
  *entries(): IterableIterator<[number, Postings]> {
    yield [this.field, this.postings]
  }
}

/** Where `value` is in the ascending `list[from .. to)`, or -1. */
function search(list: Uint32Array, from: number, to: number, value: number): number {
  if (typeof value !== 'number') return -1
  let lo = from
  let hi = to - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = list[mid]!
    if (v === value) return mid
    if (v < value) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
