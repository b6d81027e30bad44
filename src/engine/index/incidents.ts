// Incidents: reports of one event by several outlets over several days, grouped at index time. Each article whose
// headline or lead tells of an event (an air strike, a car bomb, shelling, a chemical attack, clashes…) is a report:
// what happened, where, when, who acted and the tolls it gives. Reports of the same kind of event, in the same place
// (or without one), within a few days, by actors that do not contradict each other, are one incident.

import type { Extraction } from '../types.js'
import { fold } from '../text/words.js'
import { nameSkeleton } from './vocabulary.js'
import { GENERIC_ACTORS, REPORTER_GROUPS, sideOf } from '../text/aliases.js'
import { dayNumber } from '../extract/dates.js'
import type { Token } from '../text/normalize.js'

/** Kinds of event, the first that the headline (else the lead) names; the terms are the vocabulary's keys or stems. */
const EVENT_KINDS: ReadonlyArray<{ kind: string; all: string[] }> = [
  // A missile strike in reply to a chemical attack names both: the missiles are what happened.
  { kind: 'missile strike', all: ['missil'] },
  { kind: 'chemical attack', all: ['chemic'] },
  { kind: 'suicide bombing', all: ['suicid'] },
  { kind: 'car bomb', all: ['car', 'explos'] },
  { kind: 'barrel bombs', all: ['barrel'] },
  { kind: 'air strikes', all: ['airstrik'] },
  { kind: 'shelling', all: ['shell'] },
  { kind: 'bombardment', all: ['bombard'] },
  { kind: 'bombing', all: ['explos'] },
  { kind: 'massacre', all: ['massacr'] },
  { kind: 'execution', all: ['execut'] },
  { kind: 'clashes', all: ['clash'] },
  { kind: 'attack', all: ['attack'] },
]

/** The kind that says least: taken only when the lead names no other. */
const GENERIC_KIND = 'attack'
/** Kinds that say how an outlet judged the event, not what it was: they join a report of any kind. */
const ANY_KIND = new Set([GENERIC_KIND, 'massacre'])

/** Kinds that one outlet may call by another's name: a car bomb is a bombing, barrel bombs are air strikes. */
const KIND_FAMILY: Record<string, string> = {
  'suicide bombing': 'bombing',
  'car bomb': 'bombing',
  bombing: 'bombing',
  // One outlet's air strikes are another's shelling ("hours of air strikes and shelling on Jayrud").
  'barrel bombs': 'bombardment',
  'air strikes': 'bombardment',
  shelling: 'bombardment',
  bombardment: 'bombardment',
}

/** What was hit, by the terms of the headline and first sentence: reports of one day and one region that were hit in
 * different places ("a mosque" in one, "a White Helmets centre" in the other) are of different strikes. */
const TARGETS: Readonly<Record<string, string>> = {
  market: 'market',
  marketplac: 'market',
  souk: 'market',
  souq: 'market',
  school: 'school',
  hospit: 'hospital',
  clinic: 'hospital',
  mosqu: 'mosque',
  church: 'church',
  bakeri: 'bakery',
  convoi: 'convoy',
  bu: 'convoy',
  buse: 'convoy',
  funer: 'funeral',
  mourn: 'funeral',
  condol: 'funeral',
  whitehelmets: 'rescuers',
  rescuer: 'rescuers',
  prison: 'prison',
}
/** The passages of a report's top whose targets count: the headline and the first body sentence. */
const TARGET_PASSAGES = 2

/** The kind that is either air strikes or shelling. */
const GENERIC_BOMBARDMENT = 'bombardment'
/** Kinds of event rare enough that reports of them days apart are of one, whatever places each names. */
const RARE_KINDS = new Set(['chemical attack', 'missile strike'])
/** Kinds of event a city sees day after day. */
const DAILY_KINDS = new Set(['shelling', 'bombardment', 'air strikes', 'barrel bombs', 'clashes', 'attack'])
/** Choosing among incidents a report may join, the same kind counts as this many shared places. */
const SAME_KIND_WEIGHT = 10
/** Reports of one incident are at most this many days after its first. */
const INCIDENT_DAYS = 2
/** Days after an incident's first report that a report of a daily kind (shelling, air strikes, clashes) may join it. */
const DAILY_DAYS = 1
/** The group of the government's forces in the alias module. */
const REGIME = 'regime'
/** How long after its first report a rare kind's incident may still take reports (each within INCIDENT_DAYS of the last). */
const RARE_SPAN_DAYS = 7
/** A headline or lead that announces another event of a kind: "New Terrorists Mortar Shell Attacks", "fresh raids". */
const FRESH_EVENT =
  /\b(?:new|fresh|another)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|air ?strikes?|raids?|shell(?:s|ing)?|bomb(?:s|ing|ings)?|blasts?|rockets?|mortars?|massacres?|clashes)\b/i
/** An event date read in the lead is at most this many days before the article. */
const EVENT_DATE_DAYS = 7
/** Sentences from the top of an article that tell its event: the headline and the first three. */
const LEAD = 4
/** Passages from the top whose places are the report's: the headline and the first two sentences. */
const PLACE_PASSAGES = 3
/** Towns (and regions) kept per report. */
const MAX_PLACES = 2

export interface IncidentFigure {
  count: number
  qualifier: string
  approximate: boolean
}

/** One article's report of an incident. */
export interface IncidentReport {
  article: number
  /** The event's day (YYYY-MM-DD): the day the lead names, else the article's. */
  date: string
  /** The lead names the day (rather than the article's date standing for it). */
  dated: boolean
  /** The passage that gives the figure (or the headline), for quoting. */
  passage: number
  /** The toll the report gives (killed), if any. */
  figure: IncidentFigure | undefined
}

export interface Incident {
  kind: string
  /** The first report's day. */
  date: string
  /** Most specific first. */
  places: string[]
  actors: string[]
  /** In date order. */
  reports: IncidentReport[]
}

/** What the index build keeps of one article's top, for grouping. */
export interface ArticleTop {
  article: number
  /** The article's date (YYYY-MM-DD, or partial). */
  date: string
  /** Passages of the headline and the lead, in order, with their terms and extraction. */
  passages: Array<{
    passage: number
    headline: boolean
    text: string
    terms: Set<string>
    /** The terms before a clause about an earlier event (see mainClauseTerms), undefined when it has none. */
    mainTerms: Set<string> | undefined
    extraction: Extraction
  }>
}

/** The article's report of an event, or undefined when its top tells of none (or has no day). */
export function reportOf(top: ArticleTop):
  | (IncidentReport &
      Pick<Incident, 'kind' | 'places' | 'actors'> & {
        around: string[]
        aroundTowns: string[]
        sides: string[]
        rebelsActed: boolean
        fresh: boolean
        targets: string[]
      })
  | undefined {
  const lead = top.passages.slice(0, LEAD)
  // A specific kind anywhere in the lead before "attack" in the headline ("Terrorist Attack on Damascus": rockets).
  const kind = kindOf(lead, true) ?? kindOf(lead, false)
  if (!kind) return undefined
  const articleDay = /^\d{4}-\d{2}-\d{2}$/.test(top.date) ? top.date : undefined
  const named = eventDay(lead, articleDay)
  const date = named ?? articleDay
  if (!date) return undefined
  const towns: string[] = []
  const regions: string[] = []
  const actors: string[] = []
  let figure: IncidentFigure | undefined
  let passage = lead[0]?.passage ?? 0
  const around: string[] = []
  const aroundTowns: string[] = []
  const sides: string[] = []
  let rebelsActed = false
  for (const p of lead) {
    for (const place of p.extraction.places) {
      if (place.level === 'country' || isDatelinePlace(p.text, place.start, place.end)) continue
      const key = placeKey(place.name)
      if (!around.includes(key)) around.push(key)
      // One inside the other: a town is around its governorate too ("Jayrud" and "Rif Dimashq").
      const region = place.region && placeKey(place.region)
      if (region && !around.includes(region)) around.push(region)
      // A city's district is the city's: "the Marjeh district" and "the Maadi district" of Aleppo on one day are one
      // day's bombardment of Aleppo, while "the town of Atareb" is another place.
      if (place.level === 'town' && !isDistrict(p.text, place.start, place.end) && !aroundTowns.includes(key))
        aroundTowns.push(key)
      // Shown: the places of the headline and the first sentences; later ones name what is around.
      if (p.passage - lead[0]!.passage >= PLACE_PASSAGES) continue
      const list = place.level === 'town' ? towns : regions
      if (!list.includes(place.name)) list.push(place.name)
    }
    for (const a of p.extraction.actors) {
      // Who acted: a group of the table, not one that reports the war, nor a person (people.ts).
      if (a.role !== 'acted' || REPORTER_GROUPS.has(a.group) || a.group === 'person') continue
      if (!actors.includes(a.name)) actors.push(a.name)
      // "Bashar al-Assad" and "Syrian government forces" are one side: agreement is by group.
      if (!GENERIC_ACTORS.has(a.name) && !sides.includes(a.group)) sides.push(a.group)
      if (GENERIC_ACTORS.has(a.name)) rebelsActed = true
    }
  }
  // The toll: the first sentence's that gives one (a sentence quotes better than a headline), else the headline's.
  // A body sentence that only copies the headline ("title: Terrorist Attack on Damascus kill 5") is the headline.
  const headlineText = plainText(lead.find((q) => q.headline)?.text ?? '')
  const copies = (q: ArticleTop['passages'][number]) =>
    headlineText !== '' && plainText(q.text.replace(/^\s*title:\s*/i, '')).startsWith(headlineText)
  const body = lead.filter((q) => !q.headline && !copies(q))
  for (const p of [...body, ...lead.filter((q) => q.headline)]) {
    const killed = p.extraction.casualties.filter((f) => f.kind === 'killed')
    const explicit = killed.find((f) => !f.approximate) ?? killed[0]
    if (explicit) {
      figure = { count: explicit.count, qualifier: explicit.qualifier, approximate: explicit.approximate }
      passage = p.passage
      break
    }
  }
  const targets = new Set<string>()
  for (const p of lead.slice(0, TARGET_PASSAGES))
    for (const t of p.terms) if (TARGETS[t] !== undefined) targets.add(TARGETS[t])
  const places = [...towns.slice(0, MAX_PLACES), ...regions.slice(0, MAX_PLACES)]
  const fresh = lead.some((q) => (q.headline || q === body[0]) && FRESH_EVENT.test(q.text))
  return {
    fresh,
    article: top.article,
    date,
    dated: named !== undefined,
    passage,
    figure,
    kind,
    places,
    actors,
    around,
    aroundTowns,
    sides,
    rebelsActed,
    targets: [...targets],
  }
}

/** The kind the first passage that names one names (the headline first): what the story is about. */
function kindOf(passages: ArticleTop['passages'], specific: boolean): string | undefined {
  for (const p of passages) {
    const kind = kindIn(p.mainTerms, specific) ?? kindIn(p.terms, specific)
    if (kind) return kind
  }
  return undefined
}

function kindIn(terms: ReadonlySet<string> | undefined, specific: boolean): string | undefined {
  if (!terms) return undefined
  for (const { kind, all } of EVENT_KINDS) {
    if (specific && kind === GENERIC_KIND) continue
    if (all.every((t) => terms.has(t))) return kind
  }
  return undefined
}

/** "Assad's forces bombard Damascus suburbs after gas attack": what follows "after" is another, earlier event. */
const EARLIER_EVENT = /\b(?:after|following|in (?:response|reply|retaliation) (?:to|for))\b/i

/**
 * The terms of a passage (its tokens, as the index build analysed them) before a clause about an earlier event, or
 * undefined when it has none: worked out once per passage of an article's top, at build time.
 */
export function mainClauseTerms(text: string, tokens: readonly Token[]): Set<string> | undefined {
  const cut = text.search(EARLIER_EVENT)
  if (cut <= 0) return undefined
  const terms = new Set<string>()
  for (const t of tokens) if (t.start < cut) terms.add(t.term)
  return terms
}

/** The first day the lead names for the event: a day up to EVENT_DATE_DAYS before the article. */
function eventDay(lead: ArticleTop['passages'], articleDay: string | undefined): string | undefined {
  if (!articleDay) return undefined
  const latest = dayNumber(articleDay)
  for (const p of lead)
    for (const d of p.extraction.dates) {
      if (d.dateline || d.precision !== 'day') continue
      const n = dayNumber(d.date)
      // "On Tuesday" in an article dated Monday: its dateline is a day behind (time zones) more often than the
      // report goes back to last week's Tuesday.
      if (n === latest - 6 && WEEKDAY_ALONE.test(d.text)) continue
      if (n <= latest && n >= latest - EVENT_DATE_DAYS) return d.date
    }
  return undefined
}

/** "Tuesday", "on Tuesday" (unlike dates.ts's WEEKDAY_ONLY_RE, not "last Tuesday", which does mean last week). */
const WEEKDAY_ALONE = /^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i

/** Groups the articles' reports into incidents, in date order. */
export function groupIncidents(tops: Iterable<ArticleTop>): Incident[] {
  const reports = [...tops]
    .map(reportOf)
    .filter((r): r is NonNullable<ReturnType<typeof reportOf>> => r !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date) || a.article - b.article)
  // While grouping: the last report's day, every place of the reports' leads, how many reports show each place.
  // While grouping: every place and town of the reports' leads, the sides that acted, how many reports show a place.
  const incidents: Array<
    Incident & {
      around: Set<string>
      towns: Set<string>
      sides: Set<string>
      rebelsActed: boolean
      targets: Set<string>
      mentions: Map<string, number>
      lastDay: number
    }
  > = []
  for (const r of reports) {
    const day = dayNumber(r.date)
    let best: (typeof incidents)[number] | undefined
    let bestShared = -1
    for (let i = incidents.length - 1; i >= 0; i--) {
      const inc = incidents[i]!
      // Days from the incident's first: a week of daily shelling in one city is seven incidents, not one.
      const since = day - dayNumber(inc.date)
      // Incidents are made in the order of their first day: past the longest span, the rest are older.
      if (since > INCIDENT_DAYS + RARE_SPAN_DAYS) break
      // A chemical attack is reported for days (the WHO's findings, a later toll): counted from its last report.
      const rare = RARE_KINDS.has(r.kind) && r.kind === inc.kind
      if (since > INCIDENT_DAYS && !(rare && day - inc.lastDay <= INCIDENT_DAYS)) continue
      if (!sameKind(inc.kind, r.kind) || !compatible(inc.sides, r.sides)) continue
      // Shelling of a city's neighbourhoods goes on every day: two days on, it is another day's shelling.
      if (DAILY_KINDS.has(r.kind) && r.dated && since > DAILY_DAYS) continue
      // "Syria accuses rebels of using chemical weapons" is not the regime's chemical attack of three days before.
      if (opposed(inc.sides, inc.rebelsActed, r.sides, r.rebelsActed)) continue
      // "New mortar attacks on Aleppo": the report says it is not the one before.
      if (r.fresh) continue
      // Air strikes in one outlet, shelling in another: one bombardment only when both name the same side acting, or
      // one names none and both name the same town on the same day ("Syrian strikes on Jayrud", "regime shelling
      // of Jayrud"). "Bombardment" says either.
      const crossKind =
        KIND_FAMILY[r.kind] === 'bombardment' &&
        r.kind !== inc.kind &&
        r.kind !== GENERIC_BOMBARDMENT &&
        inc.kind !== GENERIC_BOMBARDMENT
      const sameSide = r.sides.some((g) => inc.sides.has(g))
      const sideless = r.sides.length === 0 || inc.sides.size === 0
      const sameTownThatDay = since === 0 && r.aroundTowns.some((t) => inc.towns.has(t))
      if (crossKind && !sameSide && !(sideless && sameTownThatDay)) continue
      // Where: a town both name; a province or city only when one of them names no town. Any place of the lead
      // counts ("raids on the region of Al-Quriyah" in its third sentence).
      const sharedTowns = r.aroundTowns.filter((p) => inc.towns.has(p)).length
      // A chemical attack or a missile strike is rare enough that two in three days are one, wherever named from.
      const shared = r.around.filter((p) => inc.around.has(p)).length
      // A bombing in one city on one day is one, whichever neighbourhoods the reports name (Kallaseh, the Souq).
      const sameDayInCity = !DAILY_KINDS.has(r.kind) && since <= 1 && shared > 0
      if (
        inc.towns.size > 0 && r.aroundTowns.length > 0
          ? sharedTowns === 0
          : shared === 0 && inc.around.size > 0 && r.around.length > 0
      )
        if (!rare && !sameDayInCity) continue
      // Shelling or air strikes on a city happen every day: without a town in common, one incident is one day. A
      // report that names neither day nor town may be the next day's article about it ("the toll rose to 58").
      const slack = !r.dated && r.aroundTowns.length === 0 ? 1 : 0
      if (!rare && sharedTowns === 0 && DAILY_KINDS.has(r.kind) && since > slack) continue
      // A mosque hit in one report, a rescuers' centre in the other, and no town in common: two of the day's strikes
      // (a bombing in a city is rare enough that one near a souq and one on a bus that day are one).
      const targetsDiffer = r.targets.length > 0 && inc.targets.size > 0 && !r.targets.some((t) => inc.targets.has(t))
      if (sharedTowns === 0 && targetsDiffer && DAILY_KINDS.has(r.kind)) continue
      // Of several, the one of the same kind first, then the one sharing most places.
      const score = shared + (inc.kind === r.kind ? SAME_KIND_WEIGHT : 0)
      if (score > bestShared) [best, bestShared] = [inc, score]
    }
    const report: IncidentReport = {
      article: r.article,
      date: r.date,
      dated: r.dated,
      passage: r.passage,
      figure: r.figure,
    }
    if (best) {
      if (ANY_KIND.has(best.kind) && !ANY_KIND.has(r.kind)) best.kind = r.kind
      best.reports.push(report)
      best.lastDay = Math.max(best.lastDay, day)
      for (const t of r.aroundTowns) best.towns.add(t)
      for (const g of r.sides) best.sides.add(g)
      best.rebelsActed ||= r.rebelsActed
      for (const t of r.targets) best.targets.add(t)
      for (const p of r.places) if (!best.places.includes(p)) best.places.push(p)
      for (const p of r.around) best.around.add(p)
      for (const p of r.places) best.mentions.set(p, (best.mentions.get(p) ?? 0) + 1)
      for (const a of r.actors) if (!best.actors.includes(a)) best.actors.push(a)
    } else {
      incidents.push({
        kind: r.kind,
        date: r.date,
        places: [...r.places],
        actors: [...r.actors],
        reports: [report],
        around: new Set(r.around),
        towns: new Set(r.aroundTowns),
        sides: new Set(r.sides),
        rebelsActed: r.rebelsActed,
        targets: new Set(r.targets),
        mentions: new Map(r.places.map((p) => [p, 1])),
        lastDay: day,
      })
    }
  }
  return incidents.map(
    ({
      around: _around,
      towns: _towns,
      sides: _sides,
      rebelsActed: _rebelsActed,
      targets: _targets,
      lastDay: _lastDay,
      mentions,
      ...incident
    }) => ({
      ...incident,
      // Places named by more reports first; among equals (a stable sort) the most specific first.
      places: [...incident.places].sort((a, b) => (mentions.get(b) ?? 0) - (mentions.get(a) ?? 0)),
    }),
  )
}

function sameKind(a: string, b: string): boolean {
  return (
    a === b || ANY_KIND.has(a) || ANY_KIND.has(b) || (KIND_FAMILY[a] !== undefined && KIND_FAMILY[a] === KIND_FAMILY[b])
  )
}

/** One report has only the regime acting, the other only rebels ("rebels", "terrorist groups"). */
function opposed(aSides: Set<string>, aRebels: boolean, bSides: string[], bRebels: boolean): boolean {
  const regimeOnly = (sides: Iterable<string>, rebels: boolean) => !rebels && [...sides].includes(REGIME)
  const rebelsOnly = (sides: Iterable<string>, rebels: boolean) => rebels && ![...sides].includes(REGIME)
  return (
    (regimeOnly(aSides, aRebels) && rebelsOnly(bSides, bRebels)) ||
    (rebelsOnly(aSides, aRebels) && regimeOnly(bSides, bRebels))
  )
}

/** The sides that acted agree when either report names none (but "rebels"), or they share one or its allies. */
function compatible(a: Set<string>, b: string[]): boolean {
  if (a.size === 0 || b.length === 0) return true
  const camps = new Set([...a].map(sideOf))
  return b.some((g) => camps.has(sideOf(g)))
}

/** Text as compared for copies: folded, one space between words, no end punctuation. */
function plainText(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** A place's name as compared: without "al-" and case, its vowels and doubled letters aside ("al-Quria", "Al-Quriyah"). */
function placeKey(name: string): string {
  return fold(name)
    .replace(/\b(?:al|el|ad|ar|as|ash|at|an|az)[\s-]+/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => nameSkeleton(w) || w)
    .join(' ')
}

/** "the Marjeh district", "the neighbourhood of Midan", "districts of Sukkari and Kalasa": a part of a city. */
function isDistrict(text: string, start: number, end: number): boolean {
  return (
    DISTRICT_AFTER.test(text.slice(end, end + 20)) || DISTRICT_BEFORE.test(text.slice(Math.max(0, start - 60), start))
  )
}
const DISTRICT_AFTER = /^\s+(?:district|neighbou?rhood|quarter)s?\b/i
const DISTRICT_BEFORE =
  /\b(?:district|neighbou?rhood|quarter)s?\s+of\s+(?:the\s+)?(?:[\p{L}'’-]+,?\s+(?:and\s+)?){0,4}$/iu

/** "BEIRUT (Sputnik)", "DAMASCUS -": the town a story was filed from, not where it happened. */
function isDatelinePlace(text: string, start: number, end: number): boolean {
  return start < 3 && /^\s*(?:\(|[-–—:])/.test(text.slice(end, end + 4))
}

/** The incident of each article, by article (-1 when none). */
export function incidentOfArticle(incidents: Incident[], articleCount: number): Int32Array {
  const out = new Int32Array(articleCount).fill(-1)
  incidents.forEach((inc, i) => {
    for (const r of inc.reports) out[r.article] = i
  })
  return out
}

/** The day an incident's reports agree on (those whose lead names one), undefined when they differ or none names it. */
export function agreedDay(incident: Incident): string | undefined {
  const days = new Set(incident.reports.filter((r) => r.dated).map((r) => r.date))
  return days.size === 1 ? [...days][0] : undefined
}
