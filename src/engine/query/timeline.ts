// A timeline: the incidents of a place or a group, in date order, each with the tolls its reports give, every toll
// with its outlet and date. Incidents are grouped at index time (index/incidents.ts); this only selects and shapes.

import { analyze } from '../text/normalize.js'
import { fold } from '../text/words.js'
import { outletKey } from '../text/outlets.js'
import { passageText, type SearchIndex } from '../index/build.js'
import type { Incident } from '../index/incidents.js'
import { parseDateBound } from './filters.js'
import { MAX_QUESTION_CHARS } from './answer.js'

export interface TimelineOptions {
  /** Inclusive date bounds on the incident's day, as /ask's from and to read them. */
  from?: string
  to?: string
  /** Outlets whose reports count (case-insensitive); empty means all. */
  sources?: string[]
}

/** One report's toll: as reported, by whom, when. */
export interface TimelineFigure {
  count: number
  qualifier: string
  kind: 'killed'
  approximate: boolean
  source: string
  date: string
  article: string
}

/** One report of an incident, with the sentence that gives its toll (or its headline), word for word. */
export interface TimelineReport {
  article: string
  title: string
  source: string
  date: string
  url: string
  quote: string
}

export interface TimelineEvent {
  /** The incident's first day (YYYY-MM-DD). */
  date: string
  /** "air strikes", "car bomb", "shelling", "chemical attack", … */
  kind: string
  places: string[]
  actors: string[]
  /** The tolls its reports give, in the order they were published. */
  figures: TimelineFigure[]
  /** Ids of its reports' articles. */
  articles: string[]
  reports: TimelineReport[]
}

export interface TimelineResult {
  query: string
  events: TimelineEvent[]
  /** Why there is no event ("" when there are). */
  reason: string
}

/** The incidents that name the place or group `query`, in date order, within the options' dates and outlets. */
export function timeline(index: SearchIndex, query: string, options: TimelineOptions = {}): TimelineResult {
  const text = query.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  const none = (reason: string): TimelineResult => ({ query, events: [], reason })
  if (text === '') return none('Name a place or a group, e.g. "Aleppo" or "Islamic State".')
  if (text.length > MAX_QUESTION_CHARS) return none(`That is ${text.length} characters long; name a place or a group.`)
  let from = ''
  let to = '9999'
  if (options.from?.trim()) {
    const b = parseDateBound(options.from, 'from')
    if (!b.ok) return none(`from: ${b.message}`)
    from = b.iso
  }
  if (options.to?.trim()) {
    const b = parseDateBound(options.to, 'to')
    if (!b.ok) return none(`to: ${b.message}`)
    to = b.iso
  }
  if (from > to) return none(`the dates are the wrong way round (from ${from} is after to ${to})`)
  const outlets = new Set(
    (options.sources ?? [])
      .map((s) => s.trim())
      .filter(Boolean)
      .map(outletKey),
  )
  const names = matcherOf(text)
  const events: TimelineEvent[] = []
  for (const incident of index.incidents) {
    if (incident.date < from || incident.date > to) continue
    if (!incident.places.some(names) && !incident.actors.some(names)) continue
    const event = eventOf(index, incident, outlets)
    if (event) events.push(event)
  }
  if (events.length > 0) return { query, events, reason: '' }
  const period = options.from || options.to ? ` between ${options.from || 'the start'} and ${options.to || 'now'}` : ''
  const source = outlets.size > 0 ? ` in the reports of ${(options.sources ?? []).join(', ')}` : ''
  return none(`No incident in the corpus names "${text}"${period}${source}. Try a town, a province or a group.`)
}

/** Whether a place or actor name is what the user typed: an alias of the same entity, or the same name folded. */
function matcherOf(text: string): (name: string) => boolean {
  const entities = new Set(analyze(text).entities.map((e) => e.entity.name))
  const typed = plain(text)
  return (name) => entities.has(name) || (typed.length >= 3 && plain(name) === typed)
}

/** A name without case, accents, "al-" and separators: "Al-Quriyah" and "al quriyah" meet. */
function plain(name: string): string {
  return fold(name)
    .replace(/\b(?:al|el|ad|ar|as|ash|at|an|az)[\s-]+/g, '')
    .replace(/[^a-z0-9]+/g, '')
}

function eventOf(index: SearchIndex, incident: Incident, outlets: Set<string>): TimelineEvent | undefined {
  const reports = incident.reports.filter(
    (r) => outlets.size === 0 || outlets.has(outletKey(index.articles[r.article]!.source)),
  )
  if (reports.length === 0) return undefined
  const figures: TimelineFigure[] = []
  for (const r of reports) {
    if (!r.figure) continue
    const a = index.articles[r.article]!
    figures.push({ ...r.figure, kind: 'killed', source: a.source, date: a.date, article: a.id })
  }
  figures.sort((x, y) => x.date.localeCompare(y.date))
  return {
    date: incident.date,
    kind: incident.kind,
    places: incident.places,
    actors: incident.actors,
    figures,
    articles: reports.map((r) => index.articles[r.article]!.id),
    reports: reports.map((r) => {
      const a = index.articles[r.article]!
      return {
        article: a.id,
        title: a.title,
        source: a.source,
        date: a.date,
        url: a.url,
        quote: passageText(index, r.passage),
      }
    }),
  }
}
