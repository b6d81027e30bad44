// Extractions as the index file keeps them: compact arrays with offsets into the passage instead of words, and
// entities by their place in the alias table, about a fifth of the size of plain JSON. Decoding needs the passage.
// Actors the table does not know (people named by the text) are kept by their name, or by -1 when the name is the
// passage's own words at [start, end); their group is kept only when it is not "person".

import { ENTITIES } from '../text/aliases.js'
import type { ActorRole, CasualtyKind, DatePrecision, Extraction, PlaceLevel } from '../types.js'

const PRECISIONS: DatePrecision[] = ['day', 'week', 'month', 'year']
const ROLES: ActorRole[] = ['acted', 'mentioned', 'hit']
const LEVELS: PlaceLevel[] = ['country', 'governorate', 'town']
const KINDS: CasualtyKind[] = [
  'killed',
  'wounded',
  'casualties',
  'displaced',
  'trapped',
  'missing',
  'detained',
  'kidnapped',
  'besieged',
]
const ENTITY_BY_NAME = new Map(ENTITIES.map((e, i) => [e.name, i]))
/** Actors of the alias table by name; any other actor is kept by its name (and its group when not "person"). */
const ACTOR_BY_NAME = new Map(ENTITIES.flatMap((e, i) => (e.group ? [[e.name, i] as const] : [])))

type DateRow = [date: string, precision: number, start: number, length: number, dateline: 0 | 1]
/** An actor of the alias table by its number; one named by the text by its name, or -1 for the words at [start, end). */
type ActorRow =
  | [entity: number | string, role: number, start: number, end: number]
  | [entity: number | string, role: number, start: number, end: number, group: string]
/** The group of an actor kept by name when the row does not say. */
const PERSON = 'person'
/** An actor row's entity when the name is the passage's words at [start, end). */
const OWN_WORDS = -1
/** A place of the alias table by its number, or one named by the text ("the village of X") by its name. */
type PlaceRow =
  | [place: number | string, level: number, start: number, end: number]
  | [place: number | string, level: number, start: number, end: number, region: string]
type CasualtyRow = [
  count: number,
  qualifier: string,
  kind: number,
  victimsStart: number,
  victimsEnd: number,
  approximate: 0 | 1,
  start: number,
  end: number,
]
type Encoded = [DateRow[], ActorRow[], PlaceRow[], CasualtyRow[]]

/** "" when nothing was extracted; ASCII JSON otherwise. */
export function encodeExtraction(x: Extraction, passage: string): string {
  if (x.dates.length + x.actors.length + x.places.length + x.casualties.length === 0) return ''
  const encoded: Encoded = [
    x.dates.map((d): DateRow => [d.date, PRECISIONS.indexOf(d.precision), d.start, d.text.length, d.dateline ? 1 : 0]),
    x.actors.map((a): ActorRow => {
      const role = ROLES.indexOf(a.role)
      const entity = ACTOR_BY_NAME.get(a.name)
      if (entity !== undefined && ENTITIES[entity]!.group === a.group) return [entity, role, a.start, a.end]
      const name = a.name === passage.slice(a.start, a.end) ? OWN_WORDS : a.name
      return a.group === PERSON ? [name, role, a.start, a.end] : [name, role, a.start, a.end, a.group]
    }),
    x.places.map((p): PlaceRow => {
      const row: PlaceRow = [ENTITY_BY_NAME.get(p.name) ?? p.name, LEVELS.indexOf(p.level), p.start, p.end]
      return p.region ? [...row, p.region] : row
    }),
    x.casualties.map((c): CasualtyRow => {
      const victimsStart = c.victims ? passage.indexOf(c.victims, c.start) : -1
      return [
        c.count,
        c.qualifier,
        KINDS.indexOf(c.kind),
        victimsStart,
        victimsStart < 0 ? -1 : victimsStart + c.victims.length,
        c.approximate ? 1 : 0,
        c.start,
        c.start + c.text.length,
      ]
    }),
  ]
  while (encoded.length > 0 && encoded[encoded.length - 1]!.length === 0) encoded.pop()
  return JSON.stringify(encoded).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

export function decodeExtraction(text: string, passage: string): Extraction {
  const [dates = [], actors = [], places = [], casualties = []] = JSON.parse(text) as Partial<Encoded>
  return {
    dates: dates.map(([date, precision, start, length, dateline]) => ({
      date,
      precision: PRECISIONS[precision]!,
      text: passage.slice(start, start + length),
      start,
      dateline: dateline === 1,
    })),
    actors: actors.map(([entity, role, start, end, group]) => ({
      name:
        typeof entity === 'string' ? entity : entity === OWN_WORDS ? passage.slice(start, end) : ENTITIES[entity]!.name,
      group: typeof entity === 'number' && entity >= 0 ? (ENTITIES[entity]!.group ?? 'other') : (group ?? PERSON),
      role: ROLES[role]!,
      start,
      end,
    })),
    places: places.map(([place, level, start, end, region]) => ({
      name: typeof place === 'number' ? ENTITIES[place]!.name : place,
      level: LEVELS[level]!,
      start,
      end,
      ...(region ? { region } : {}),
    })),
    casualties: casualties.map(([count, qualifier, kind, victimsStart, victimsEnd, approximate, start, end]) => ({
      count,
      qualifier,
      kind: KINDS[kind]!,
      victims: victimsStart < 0 ? '' : passage.slice(victimsStart, victimsEnd),
      approximate: approximate === 1,
      text: passage.slice(start, end),
      start,
    })),
  }
}
