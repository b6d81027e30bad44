// The index file's format, shared by its writer and its reader: one header line of JSON (padded so that the body
// starts aligned), then the sections, each aligned to 8 bytes so that typed arrays are read in place. The header
// carries the body's length and a CRC-32 over its own fields and every section.

import { crc32 } from 'node:zlib'

export const MAGIC = 'syria-news-bot/index'

export type SectionKind = 'json' | 'u32' | 'u16' | 'bytes'

export interface Section {
  name: string
  kind: SectionKind
  offset: number
  length: number
}

export interface Header {
  magic: string
  format: number
  fingerprint: string
  builtAt: string
  articles: number
  passages: number
  averageLength: number
  bodyBytes: number
  crc32: number
  sections: Section[]
}

/** The header fields the CRC covers: all but the magic and the CRC itself. */
export type CheckedFields = Omit<Header, 'magic' | 'crc32'>

/** Sections start on multiples of this, so that Uint32Array and Uint16Array views need no copy. */
export const ALIGN = 8

/** How every index file begins (the header's first field): what tells this bot's index from any other file. */
export const HEADER_PREFIX = Buffer.from(`{"magic":${JSON.stringify(MAGIC)}`)

/** The most a header line may take; read whole before anything else. */
export const HEAD_BYTES = 1 << 20

/** The CRC's starting value: the header's own fields, in a fixed order, so that no field escapes the check. */
export function headerCrc(h: CheckedFields): number {
  const { format, fingerprint, builtAt, articles, passages, averageLength, bodyBytes, sections } = h
  return crc32(
    Buffer.from(
      JSON.stringify([format, fingerprint, builtAt, articles, passages, averageLength, bodyBytes, sections]),
      'utf8',
    ),
  )
}

/**
 * An incident as stored: kind, first day, places, actors, and its reports (article, day, passage, toll or -1,
 * qualifier, 1 when vague, 1 when its lead names the day).
 */
export type IncidentRow = [
  kind: string,
  date: string,
  places: string[],
  actors: string[],
  reports: Array<
    [article: number, date: string, passage: number, count: number, qualifier: string, approximate: 0 | 1, dated: 0 | 1]
  >,
]
