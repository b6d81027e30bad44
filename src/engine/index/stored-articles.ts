// Articles as an index file holds them: fields parsed at load, bodies kept as one UTF-8 buffer and decoded one
// article at a time when quoted (a million-article index need not hold every body as a string).

import type { Article } from '../types.js'

export interface StoredMetadata extends Omit<Article, 'body'> {
  /** The body's length in UTF-16 code units, as passage offsets count. */
  bodyLength: number
}

/** How many decoded bodies are kept: enough for the answers of a few questions. */
const RECENT_BODIES = 256

/** The bodies of an index file as one UTF-8 buffer, decoded one article at a time (the last few kept). */
export class StoredBodies {
  private recent = new Map<number, string>()

  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
  ) {
    if (offsets[offsets.length - 1] !== bytes.length) throw new Error('the bodies do not agree with their offsets')
  }

  body(i: number): string {
    let text = this.recent.get(i)
    if (text === undefined) {
      text = this.bytes.toString('utf8', this.offsets[i], this.offsets[i + 1])
      this.recent.set(i, text)
      if (this.recent.size > RECENT_BODIES) this.recent.delete(this.recent.keys().next().value!)
    }
    return text
  }

  /**
   * body(i).slice(start, end) (UTF-16 offsets, as passages count them) without decoding the whole body when it is
   * ASCII (most are), whose bytes are its characters; another body is decoded (and kept) as body(i) does.
   */
  slice(i: number, bodyLength: number, start: number, end: number): string {
    const text = this.recent.get(i)
    if (text !== undefined) return text.slice(start, end)
    const from = this.offsets[i]!
    if (this.offsets[i + 1]! - from !== bodyLength) return this.body(i).slice(start, end)
    start = Math.max(0, Math.min(start, bodyLength))
    end = Math.max(start, Math.min(end, bodyLength))
    return this.bytes.toString('latin1', from + start, from + end)
  }
}

/** An article read from an index file: its fields, and its body read when asked for. */
export class StoredArticle implements Article {
  readonly id: string
  readonly title: string
  readonly source: string
  readonly date: string
  readonly listedDate?: string
  readonly url: string
  readonly location: string
  readonly credit: string
  readonly bodyLength: number

  constructor(
    m: StoredMetadata,
    private readonly bodies: StoredBodies,
    private readonly n: number,
  ) {
    this.id = m.id
    this.title = m.title
    this.source = m.source
    this.date = m.date
    if (m.listedDate) this.listedDate = m.listedDate
    this.url = m.url
    this.location = m.location
    this.credit = m.credit
    this.bodyLength = m.bodyLength
  }

  get body(): string {
    return this.bodies.body(this.n)
  }

  /** this.body.slice(start, end), without decoding the whole body. */
  bodySlice(start: number, end: number): string {
    return this.bodies.slice(this.n, this.bodyLength, start, end)
  }
}

/** A plain copy of an article's own fields (a stored article reads its body on demand; the copy holds the text). */
export function plainArticle(a: Article): Article {
  const { id, title, source, date, listedDate, url, location, credit, body } = a
  return { id, title, source, date, ...(listedDate ? { listedDate } : {}), url, location, credit, body }
}

/** What the file stores of an article besides its body. */
export function metadataOf(a: Article): StoredMetadata {
  const { body, ...fields } = plainArticle(a)
  return { ...fields, bodyLength: body.length }
}
