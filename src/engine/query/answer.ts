// Questions → quoted answers. One call, `answer(index, command, question, options)`:
// the question is reduced to its terms, MiniSearch finds the passages, each candidate is scored with its article's
// headline, and the command's value is read from what extraction stored at index time. A candidate must cover most
// of what the question asks (weighted by how rare each term is): otherwise there is no answer rather than a loose one.

import type {
  Answer,
  AnswerOptions,
  AnswerResult,
  ArticleRef,
  CasualtiesValue,
  Command,
  Extraction,
  ValueByCommand,
  WhenValue,
  WhereValue,
  WhoValue,
  ActorRole,
  CasualtyKind,
} from '../types.js'
import { analyze, fold, questionTerms, splitWords } from '../text/normalize.js'
import { kindAskedFor } from '../extract/casualties.js'
import { readNumber } from '../extract/numbers.js'
import { parseIsoDate } from '../extract/dates.js'
import { articleFilter } from './filters.js'
import { stripKnownOutlet } from '../text/outlets.js'
import { extractionOf, isHeadline, type SearchIndex } from '../index/build.js'
import { hitOf, retrieve, type Hit } from './retrieve.js'

export const MAX_QUESTION_CHARS = 500
const MAX_TERMS = 24
export const DEFAULT_LIMIT = 5
export const MAX_LIMIT = 25
/** Share of the question's weight (rare terms weigh more) a passage and its headline must cover. */
export const MIN_COVERAGE = 0.6
/** How much a matching headline lifts the passages of its article. */
const HEADLINE_WEIGHT = 0.7
/**
 * Sentences after a matching one that may complete it: a lead often repeats the headline, and the next sentence gives
 * the figure or the day. Only sentences that match the question themselves; for dates only the very next one.
 */
const FOLLOW_ON: Record<Command, number> = { when: 1, who: 2, where: 2, casualties: 2, search: 0 }
/** Headlines whose articles' lead sentences are candidates too. */
const LEAD_ARTICLES = 60
/** Candidates whose value is read, at most (the best first). */
const MAX_EVALUATED = 300
/** How much a sentence gains when its value is the one its article's headline gives. */
const AGREEMENT_BOOST = 1.35
/** Groups that report on the war rather than take part in it. */
const REPORTERS = new Set(['monitor', 'rescue', 'un'])

interface Candidate {
  /** First and last passage of the quote (the same unless the value is in a following sentence). */
  from: number
  to: number
  score: number
  /** The quote is the article's headline. */
  headline: boolean
  value: ValueByCommand[Command]
  matchedTerms: Set<string>
}

export function answer<C extends Command>(index: SearchIndex, command: C, question: string, options: AnswerOptions = {}): AnswerResult<C> {
  const none = (reason: string, terms: string[] = []): AnswerResult<C> => ({ command, query: question, answers: [], terms, reason })
  const text = question.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (text === '') return none('Ask a question: name a place, a group or an event, e.g. "when did the SDF breach the wall of Raqqa\'s old city".')
  if (text.length > MAX_QUESTION_CHARS) return none(`That question is ${text.length} characters long; ask in at most ${MAX_QUESTION_CHARS}.`)
  const terms = questionTerms(stripKnownOutlet(text)).slice(0, MAX_TERMS)
  if (terms.length === 0) return none('The question has no words to search for beyond question words: name a place, a group or an event.')
  const filter = articleFilter(index.articles, options)
  if (filter.error) return none(filter.error, terms)
  const asked = Math.floor(options.limit ?? DEFAULT_LIMIT)
  const limit = Number.isFinite(asked) ? Math.max(1, Math.min(MAX_LIMIT, asked)) : DEFAULT_LIMIT

  const weightOf = termWeights(index, terms)
  const hits = retrieve(index, terms, weightOf, filter.allows)
  if (hits.length === 0) return none(nothingFound(terms, options), terms)

  const totalWeight = terms.reduce((sum, t) => sum + weightOf(t), 0)
  const questionWords = splitWords(text)
  const ctx: ValueContext = { kind: kindAskedFor(questionWords), numbers: numbersIn(questionWords), victimWords: new Set(questionWords.map((w) => w.norm)) }

  // The best hit of each article's headline, and the candidates: matching body sentences and the lead sentences
  // of articles whose headline matched.
  const passages = index.passages
  const headlineHit = new Map<number, Hit>()
  for (const h of hits) if (isHeadline(index, h.passage) && !headlineHit.has(passages.article[h.passage]!)) headlineHit.set(passages.article[h.passage]!, h)
  const bodyHits = new Map<number, Hit>()
  for (const h of hits) if (!isHeadline(index, h.passage)) bodyHits.set(h.passage, h)
  // The lead sentences of the best-matching headlines' articles are candidates too (the lead tells the headline's story).
  let leads = 0
  for (const [a] of headlineHit) {
    if (++leads > LEAD_ARTICLES) break
    const first = index.firstPassageOfArticle[a]!
    const end = index.firstPassageOfArticle[a + 1]!
    for (let p = first; p < end && p < first + 4; p++) {
      if (!isHeadline(index, p) && !bodyHits.has(p)) bodyHits.set(p, hitOf(index, p, terms, weightOf))
    }
  }

  // What each article's headline says, for the sentences that say the same (the article's main figure or actor).
  const headlineValues = new Map<number, ValueByCommand[Command] | undefined>()
  const headlineValueOf = (a: number) => {
    if (!headlineValues.has(a)) {
      const first = index.firstPassageOfArticle[a]!
      headlineValues.set(a, first < passages.count && isHeadline(index, first) && passages.article[first] === a ? valueOf(command, extractionOf(index, first), ctx) : undefined)
    }
    return headlineValues.get(a)
  }

  // First what is cheap: how much of the question each candidate covers, and the most its score could reach.
  interface Pending {
    hit: Hit
    headline: Hit | undefined
    isHeadlineQuote: boolean
    bound: number
  }
  const pending: Pending[] = []
  const add = (hit: Hit, headline: Hit | undefined, isHeadlineQuote: boolean) => {
    let covers = 0
    const seen = new Set<string>()
    for (const t of [...hit.queryTerms, ...(headline?.queryTerms ?? [])]) {
      if (seen.has(t)) continue
      seen.add(t)
      covers += weightOf(t)
    }
    const coverage = covers / totalWeight
    if (coverage < MIN_COVERAGE) return
    const position = passages.position[hit.passage]!
    const lead = position > 0 && position <= 2 ? 1.15 : 1
    const base = (hit.score + HEADLINE_WEIGHT * (headline?.score ?? 0)) * lead * (isHeadlineQuote ? 0.8 : 1) * coverage * coverage
    pending.push({ hit, headline, isHeadlineQuote, bound: base * (isHeadlineQuote ? 1 : AGREEMENT_BOOST) })
  }
  for (const hit of bodyHits.values()) add(hit, headlineHit.get(passages.article[hit.passage]!), false)
  for (const hit of headlineHit.values()) add(hit, hit, true)
  pending.sort((x, y) => y.bound - x.bound || x.hit.passage - y.hit.passage)

  // Then the values, best first, until no candidate left could enter the answers.
  const bestByArticle = new Map<number, Candidate>()
  const finals: number[] = []
  const enough = 2 * limit + 5
  let evaluated = 0
  for (const c of pending) {
    if (finals.length >= enough && c.bound < finals[enough - 1]!) break
    if (++evaluated > MAX_EVALUATED) break
    const article = passages.article[c.hit.passage]!
    const previous = bestByArticle.get(article)
    // A headline is quoted only when no sentence of its article gives the value.
    if (c.isHeadlineQuote && previous) continue
    const found = c.isHeadlineQuote ? headlineValue(index, command, c.hit.passage, ctx) : findValue(index, command, c.hit.passage, ctx, (q) => (bodyHits.get(q)?.queryTerms.length ?? 0) > 0)
    if (!found) continue
    const follow = found.to > c.hit.passage || found.from < c.hit.passage ? 0.9 : 1
    const agree = !c.isHeadlineQuote && agreesWithHeadline(command, found.value, headlineValueOf(article)) ? AGREEMENT_BOOST : 1
    const score = (c.bound / (c.isHeadlineQuote ? 1 : AGREEMENT_BOOST)) * follow * agree
    if (previous && !previous.headline && previous.score >= score) continue
    if (previous?.headline && c.isHeadlineQuote) continue
    bestByArticle.set(article, {
      from: found.from,
      to: found.to,
      score,
      headline: c.isHeadlineQuote,
      value: found.value,
      matchedTerms: new Set([...c.hit.terms, ...(c.headline?.terms ?? []), ...terms]),
    })
    finals.push(score)
    finals.sort((x, y) => y - x)
    if (finals.length > enough) finals.length = enough
  }

  if (bestByArticle.size === 0) {
    if (pending.length === 0) return none(looselyRelated(terms), terms)
    return none(noValue(command, ctx.kind), terms)
  }

  const ranked = [...bestByArticle.entries()].sort((x, y) => y[1].score - x[1].score || x[0] - y[0])
  const answers: Array<Answer<C>> = []
  const byQuote = new Map<string, Answer<C>>()
  for (const [a, c] of ranked) {
    const article = index.articles[a]!
    const headline = isHeadline(index, c.from)
    const quote = (headline ? article.title : article.body).slice(passages.start[c.from], passages.end[c.to])
    const key = fold(quote).replace(/\s+/g, ' ')
    const same = byQuote.get(key)
    if (same) {
      // Outlets carrying the same wire copy word for word: one answer, every outlet named.
      same.alsoIn.push(refOf(article))
      continue
    }
    if (answers.length >= limit) continue
    const highlights = highlightsOf(quote, c.matchedTerms)
    if (command === 'when') c.value = dateNearestTheQuestion(index, c, highlights) ?? c.value
    const ans: Answer<C> = {
      quote,
      article: refOf(article),
      value: c.value as ValueByCommand[C],
      highlights,
      headline,
      alsoIn: [],
      credit: article.credit,
      score: Math.round(c.score * 1000) / 1000,
    }
    byQuote.set(key, ans)
    answers.push(ans)
  }
  return { command, query: question, answers, terms, reason: '' }
}

/** Inverse document frequency: a term in few passages says more about what the question is about. */
function termWeights(index: SearchIndex, terms: string[]): (t: string) => number {
  const n = index.passages.count
  const weights = new Map<string, number>()
  for (const t of terms) {
    const df = index.termFrequency.get(t) ?? 1
    weights.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)))
  }
  return (t) => weights.get(t) ?? 0
}

interface ValueContext {
  kind: CasualtyKind
  /** Numbers the question states. */
  numbers: Set<number>
  /** Normalised words of the question, to prefer figures about who the question names ("children"). */
  victimWords: Set<string>
}

/** The value in the passage, or in one of the next sentences of the same article (then quoted together). */
interface Found {
  value: ValueByCommand[Command]
  /** The quote: passages from..to of one article. */
  from: number
  to: number
}

function findValue(index: SearchIndex, command: Command, p: number, ctx: ValueContext, matchesQuestion: (q: number) => boolean): Found | undefined {
  const article = index.passages.article[p]!
  for (let q = p; q <= p + FOLLOW_ON[command] && q < index.passages.count; q++) {
    if (index.passages.article[q] !== article || isHeadline(index, q)) break
    if (q > p && !matchesQuestion(q)) break
    const found = valueAt(index, command, q, ctx)
    if (found) return { ...found, from: p }
  }
  // Who and where are often named one sentence before ("SDF breached the Old City of Raqqa. The fighters opened …").
  if ((command === 'who' || command === 'where') && p > 0 && index.passages.article[p - 1] === article && !isHeadline(index, p - 1)) {
    const found = valueAt(index, command, p - 1, ctx)
    if (found) return { value: found.value, from: p - 1, to: p }
  }
  if (command === 'when') {
    // No date in the text: the answer is when the article reported it, said so.
    const { date } = index.articles[article]!
    const d = parseIsoDate(date)
    if (d) return { value: { date, precision: d.precision, text: '', basis: 'article' } satisfies WhenValue, from: p, to: p }
    const dateline = datelineValue(extractionOf(index, p))
    return dateline ? { value: dateline, from: p, to: p } : undefined
  }
  return undefined
}

function headlineValue(index: SearchIndex, command: Command, p: number, ctx: ValueContext): Found | undefined {
  const found = valueAt(index, command, p, ctx)
  return found ? { ...found, from: p } : undefined
}

function valueAt(index: SearchIndex, command: Command, q: number, ctx: ValueContext): { value: ValueByCommand[Command]; to: number } | undefined {
  const value = valueOf(command, extractionOf(index, q), ctx)
  return value ? { value, to: q } : undefined
}

function valueOf(command: Command, x: Extraction | null, ctx: ValueContext): ValueByCommand[Command] | undefined {
  switch (command) {
    case 'search':
      return {}
    case 'when': {
      const event = x?.dates.filter((d) => !d.dateline) ?? []
      const pick = event.find((d) => d.precision === 'day') ?? event[0]
      return pick ? ({ date: pick.date, precision: pick.precision, text: pick.text, basis: 'text' } satisfies WhenValue) : undefined
    }
    case 'who': {
      const actors = x?.actors ?? []
      // A sentence answers "who" when it names someone taking part, not only who reported it (a monitor, the UN).
      if (!actors.some((a) => a.role !== 'hit' && !REPORTERS.has(a.group))) return undefined
      const order: Record<ActorRole, number> = { acted: 0, mentioned: 1, hit: 2 }
      const roles: Record<string, ActorRole> = {}
      for (const a of actors) if (!(a.name in roles) || order[a.role] < order[roles[a.name]!]) roles[a.name] = a.role
      const names = Object.keys(roles).sort((m, n) => order[roles[m]!] - order[roles[n]!])
      return { actors: names, roles } satisfies WhoValue
    }
    case 'where': {
      const places = x?.places ?? []
      if (places.length === 0) return undefined
      const level = { town: 0, governorate: 1, country: 2 }
      const names: string[] = []
      for (const p of [...places].sort((m, n) => level[m.level] - level[n.level] || m.start - n.start)) if (!names.includes(p.name)) names.push(p.name)
      return { places: names } satisfies WhereValue
    }
    case 'casualties': {
      const figures = (x?.casualties ?? []).filter((f) => f.kind === ctx.kind || (ctx.kind === 'killed' && f.kind === 'casualties'))
      if (figures.length === 0) return undefined
      // A figure the question already states is not what it asks ("kill 42 including 16 children" asked without 42).
      const unstated = figures.filter((f) => !ctx.numbers.has(f.count))
      if (unstated.length === 0) return undefined
      // Of several figures, the one about whom the question names ("children"), else the first (the main one).
      let f = unstated[0]!
      let best = 0
      for (const figure of unstated) {
        const overlap = splitWords(figure.victims).filter((w) => ctx.victimWords.has(w.norm) && w.norm !== 'people').length
        if (overlap > best) [f, best] = [figure, overlap]
      }
      return { count: f.count, qualifier: f.qualifier, kind: f.kind, victims: f.victims, approximate: f.approximate, text: f.text } satisfies CasualtiesValue
    }
  }
}

/**
 * Of several dates in a quote, the one nearest the words the question asked about: "advancing on the city since
 * November, and launched an offensive on 6 June" answers "since when … advancing" with November.
 */
function dateNearestTheQuestion(index: SearchIndex, c: Candidate, highlights: Array<[number, number]>): WhenValue | undefined {
  if ((c.value as WhenValue).basis !== 'text' || highlights.length === 0) return undefined
  const origin = index.passages.start[c.from]!
  const mentions: Array<{ at: number; value: WhenValue }> = []
  for (let q = c.from; q <= c.to; q++) {
    for (const d of extractionOf(index, q)?.dates ?? []) {
      if (d.dateline) continue
      mentions.push({ at: index.passages.start[q]! - origin + d.start + d.text.length / 2, value: { date: d.date, precision: d.precision, text: d.text, basis: 'text' } })
    }
  }
  if (mentions.length < 2) return undefined
  const distance = (at: number) => Math.min(...highlights.map(([s, e]) => Math.abs(at - (s + e) / 2)))
  return mentions.reduce((best, m) => (distance(m.at) < distance(best.at) ? m : best)).value
}

/** The numbers a question states, in digits or words. */
function numbersIn(words: ReturnType<typeof splitWords>): Set<number> {
  const out = new Set<number>()
  for (let i = 0; i < words.length; i++) {
    const n = readNumber(words, i, () => true)
    if (n && !n.approximate) {
      out.add(n.value)
      i = n.toWord - 1
    }
  }
  return out
}

function agreesWithHeadline(command: Command, value: ValueByCommand[Command], headline: ValueByCommand[Command] | undefined): boolean {
  if (!headline) return false
  switch (command) {
    case 'casualties':
      return (value as CasualtiesValue).count === (headline as CasualtiesValue).count
    case 'who':
      return (value as WhoValue).actors[0] === (headline as WhoValue).actors[0]
    case 'where':
      return (value as WhereValue).places.some((p) => (headline as WhereValue).places.includes(p))
    default:
      return false
  }
}

function datelineValue(x: Extraction | null): WhenValue | undefined {
  const d = x?.dates.find((m) => m.dateline)
  return d ? { date: d.date, precision: d.precision, text: d.text, basis: 'text' } : undefined
}

function refOf(a: SearchIndex['articles'][number]): ArticleRef {
  return { id: a.id, title: a.title, source: a.source, date: a.date, url: a.url }
}

/** Spans of the quote whose terms the question asked about, for bold; the quote itself is never changed. */
export function highlightsOf(quote: string, terms: Set<string>): Array<[number, number]> {
  return analyze(quote)
    .tokens.filter((t) => terms.has(t.term))
    .map((t): [number, number] => [t.start, t.end])
}

function nothingFound(terms: string[], options: AnswerOptions): string {
  const filtered = (options.sources?.length ?? 0) > 0 || options.from || options.to
  return filtered
    ? 'Nothing in the corpus matches this question with those filters. Try without the source or date filter.'
    : `Nothing in the corpus matches this question (searched for: ${terms.join(', ')}). Try other words or a place name.`
}

function looselyRelated(terms: string[]): string {
  return `Nothing in the corpus answers this: some articles share a word with the question (${terms.join(', ')}), but none is about it. Try naming the place or the group.`
}

function noValue(command: Command, kind: CasualtyKind): string {
  switch (command) {
    case 'when':
      return 'Articles match the question, but none of their sentences gives a date for it. Try /search to read them.'
    case 'who':
      return 'Articles match the question, but none of their sentences names who was involved. Try /search to read them.'
    case 'where':
      return 'Articles match the question, but none of their sentences names a place. Try /search to read them.'
    case 'casualties':
      return `Articles match the question, but none of their sentences gives a figure of people ${kind}. Try /search to read them.`
    default:
      return 'Nothing in the corpus answers this.'
  }
}
