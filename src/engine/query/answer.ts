// Questions → quoted answers. One call, `answer(index, command, question, options)`, in named steps:
//   understand     the question's terms (with the words the user typed for them), their weights, the filters;
//   gather         the passages MiniSearch finds, and the lead sentences of articles whose headline matched;
//   shortlist      each candidate scored by what it covers of the question, cheap and before any value is read
//                  (the coverage gate drops the ones that cover too little);
//   pick values    the command's value read from what extraction stored at index time, best candidate first,
//                  one per article, until no candidate left could enter the answers;
//   group          one answer per quote, outlets carrying the same wire copy named under alsoIn;
//   abstain        no answer rather than a loose one, with a reason in the user's own words.

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
  ActorMention,
  ActorRole,
  CasualtyKind,
  PlaceLevel,
} from '../types.js'
import { analyze, asTypedNames, QUESTION_FILLER, questionTerms, STOP_WORDS } from '../text/normalize.js'
import { fold, splitWords } from '../text/words.js'
import { kindAskedFor } from '../extract/casualties.js'
import { readNumber } from '../extract/numbers.js'
import { dayNumber, isoDaySpan, parseIsoDate } from '../extract/dates.js'
import { articleFilter } from './filters.js'
import { outletKey, stripKnownOutlet } from '../text/outlets.js'
import { DESCRIBED_AS, GENERIC_ACTORS, REPORTER_GROUPS, sideOf, STATE_GROUPS } from '../text/aliases.js'
import { bodySlice, extractionOf, isHeadline, passageText, type SearchIndex } from '../index/build.js'
import { titleStart } from '../extract/people.js'
import { withNamedLandmark } from './landmarks.js'
import { hitOf, retrieve, termLists, type Hit } from './retrieve.js'
import { nearTerms, type Neighbour } from '../index/vocabulary.js'
import { agreedDay, type Incident } from '../index/incidents.js'
import { readQuestion, shiftDay, type QuestionParts } from './question.js'

// ---------------------------------------------------------------------------------------------------------------
// Limits

export const MAX_QUESTION_CHARS = 500

/** Questions of every shape (a period, an outlet, a figure, a place, a typo, a name) for warming up. */
const WARM_UP_QUESTIONS = [
  'how many were killed in air strikes on Raqqa in late feb 2015, sputnik said',
  'when did the SDF breach the wall of the old city',
  'who claimed the suicide bombing at the border crossing',
  'where did the barrel bombs fall in aleppo on monday',
  'how many ppl died in the shelling of the market',
  'which group executed the pilot near damascus',
  'chemical attack on khan sheikhoun april 2017 death toll',
  'who is the coalition spokesman',
]

/**
 * Answers questions of every shape and forgets them, `rounds` times over: the first questions in a process otherwise
 * pay for compiling the date parser's patterns and the JIT, slower by several times until the engine's code is
 * optimised (hundreds of answers), a delay that belongs to start-up and to loading a new index before switching to
 * it, not to the people asking.
 */
export function warmUp(
  index: SearchIndex,
  rounds = 1,
  budgetMs = Infinity,
  /** Called after each answer with the milliseconds it took (a caller pacing the warm-up). */
  afterEach?: (ms: number) => void,
): void {
  const until = performance.now() + budgetMs
  for (let round = 0; round < rounds && performance.now() < until; round++)
    for (const question of WARM_UP_QUESTIONS)
      for (const command of ['casualties', 'when', 'who', 'where', 'search'] as const) {
        const started = performance.now()
        answer(index, command, question)
        afterEach?.(performance.now() - started)
      }
}
/** Terms searched for at most: a question longer than that is a paragraph, and its first terms say what it is about. */
const MAX_TERMS = 24
export const DEFAULT_LIMIT = 5
export const MAX_LIMIT = 25
/** Headlines whose articles' lead sentences are candidates too. */
const LEAD_ARTICLES = 60
/**
 * Articles about the question (they hold most of its terms somewhere) whose every sentence is a candidate: the
 * sentence with the figure or the day often names the event in other words than the question.
 */
const WHOLE_ARTICLES = 12
/** Sentences read at most per article taken whole. */
const WHOLE_ARTICLE_PASSAGES = 30
/** Passages from the top of an article that are its lead: the headline and the first three sentences tell the story. */
const LEAD_PASSAGES = 4
/** Candidates whose value is read, at most (the best first). */
const MAX_EVALUATED = 300
/** Values read before stopping, per answer asked for: a candidate may lose its place to a better one of its article. */
const SHORTLIST_PER_ANSWER = 2
/** …and a few more, for the wire copies that fold into another answer's alsoIn instead of taking a place. */
const SHORTLIST_SPARE = 5

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** Share of the question's weight (rare terms weigh more) the article of an answer must cover. */
export const MIN_COVERAGE = 0.6
/**
 * How much a term the article holds elsewhere counts for a passage, beside those the passage and its headline hold:
 * a sentence near the article's facts answers, one that names them itself answers better.
 */
const ELSEWHERE_SHARE = 0.5
/**
 * Share of the question's weight one sentence of the article (with its headline) must cover: an article that holds
 * the question's words only scattered ("peaceful" protests in one sentence, the Arab "Spring" in another) is about
 * something else.
 */
const MIN_LOCAL_COVERAGE = 0.35
/**
 * Share of the weight of the question's names (places, people, named events: terms the articles capitalise) the
 * article must hold, itself or in another spelling: a question about "al-Adnani" is not answered by an article that
 * shares only "Abu" and "Muhammad" with it.
 */
const MIN_FOCUS_SHARE = 0.5
/** A number the question states ("killing 15 civilians") weighs this much of a word: reports round and revise them. */
const NUMBER_WEIGHT = 0.5
/** How much a matching headline lifts the passages of its article. */
const HEADLINE_WEIGHT = 0.7
/** Body sentences at positions 1..LEAD_SENTENCES (just below the headline) are the lead of a news story. */
const LEAD_SENTENCES = 2
/** How much a lead sentence gains: it states the story's main facts, later sentences give background. */
const LEAD_BOOST = 1.15
/** A headline quoted as the answer scores less: it is terse, and a sentence of the article says the same in full. */
const HEADLINE_QUOTE_FACTOR = 0.8
/** Body sentences from the top that tell an article's incident (as index/incidents.ts reads them). */
const INCIDENT_LEAD_SENTENCES = 3
/** A sentence whose neighbours, not itself nor its headline, name what the question names scores this much. */
const FOCUS_ELSEWHERE_FACTOR = 0.85
/** A vague figure ("dozens") never outranks an explicit count of the same incident. */
const VAGUE_FIGURE_FACTOR = 0.75
/** A toll this large is the war's (or a year's), not an incident's; it answers only a question about the whole war. */
const WAR_TOLL = 10_000
const WAR_TOLL_FACTOR = 0.5
/** A sentence that only mentions groups says less about who did it than one where a group acts. */
const MENTIONED_ONLY_FACTOR = 0.8
/** "rebels" says less than the group's name: an answer that names it ranks first. */
const GENERIC_ACTOR_FACTOR = 0.8
/** How much a quote gains that states the figure a /when, /who or /where question gives ("killing 15 civilians"). */
const STATED_FIGURE_BOOST = 1.5
/** A /when answer dated only by its article scores less than a sentence that names the day itself. */
const ARTICLE_DATE_FACTOR = 0.8
/** A quote that needed a neighbouring sentence for its value scores less: the value is one step from what matched. */
const NEIGHBOUR_QUOTE_FACTOR = 0.9
/** How much a sentence gains when its value is the one its article's headline gives. */
const AGREEMENT_BOOST = 1.35
/** Scores are rounded to this fraction in answers: enough to order them, without noise from floating point. */
const SCORE_ROUNDING = 1000
/** BM25's smoothing of the inverse document frequency: a term in every passage still weighs a little above zero. */
const IDF_SMOOTHING = 0.5
/**
 * Sentences after a matching one that may complete it: a lead often repeats the headline, and the next sentence gives
 * the figure or the day. Only sentences that match the question themselves; for dates only the very next one.
 */
const FOLLOW_ON: Record<Command, number> = { when: 1, who: 2, where: 2, casualties: 2, search: 0 }
/**
 * Days an article's date may lie outside the period the question names and still count as reporting it: articles
 * report days or weeks later, and their dates are sometimes off.
 */
const DATE_SLACK_DAYS = 31
/** How much an article dated in (or near) the period the question names gains: a preference, never a filter. */
const DATE_PREFERENCE = 1.5
/** How much an article of the outlet the question cites ("sputnik said …") gains. */
const OUTLET_PREFERENCE = 1.3

// ---------------------------------------------------------------------------------------------------------------
// Values

/** The group of the people extraction names ("Col. John Dorrian"), beside the alias table's groups. */
const PERSON = 'person'
/** Words of a question asking for a person rather than a group: "which spokesman", "name of the governor". */
const PERSON_ASKED =
  /\b(?:spokes(?:man|woman|person)|governor|minister|commander|leader|chief|envoy|president|general|colonel|official|ambassador|director|head|emir|mufti|sheikh|name of|named)\b/i
/**
 * Armed factions, whose name says which incident a question means, unlike the sides every article names (the regime,
 * Russia, the coalition, IS) and the generic "rebels".
 */
const FACTION_GROUPS = new Set(['rebels', 'nusra', 'hezbollah', 'kurds'])
/** Words of a question asking for a named group. */
const WHICH_GROUP = /\b(?:which|what)\s+(?:\w+\s+)?(?:groups?|factions?|organi[sz]ations?|militias?|brigades?)\b/i
/** A question about who did something: "who shot", "who was behind", "who carried out". */
const WHO_ACTED =
  /\bwho\s+(?:(?:was|were|is|are)\s+(?:behind|responsible)|(?:shot|killed|attacked|bombed|assassinated|kidnapped|murdered|abducted|executed|fired|launched|ordered|planned|carried out|shelled|struck|hit|targeted|gassed|beheaded|used|dropped|detonated|downed|seized|captured|destroyed)\b)/i
/** Words of a question about the war as a whole rather than one incident. */
const WHOLE_WAR = /\b(?:war|conflict|civil war|since 2011|uprising|in total|altogether|overall)\b/i
/** Who acted comes first in a /who answer, then who is mentioned, then who was hit. */
const ROLE_ORDER: Record<ActorRole, number> = { acted: 0, mentioned: 1, hit: 2 }
/** The most specific place first in a /where answer. */
const PLACE_ORDER: Record<PlaceLevel, number> = { town: 0, governorate: 1, country: 2 }
/** A victim word that every figure shares, so it says nothing about which figure the question means. */
const GENERIC_VICTIM = 'people'

// ---------------------------------------------------------------------------------------------------------------
// The steps

export function answer<C extends Command>(
  index: SearchIndex,
  command: C,
  question: string,
  options: AnswerOptions = {},
): AnswerResult<C> {
  return answerWithin(index, command, question, options, true)
}

/** answer(), with the period the question names as a filter on the articles (`withPeriod`) or not. */
function answerWithin<C extends Command>(
  index: SearchIndex,
  command: C,
  question: string,
  options: AnswerOptions,
  withPeriod: boolean,
): AnswerResult<C> {
  const near = nearTermsOnce(index)
  const understood = understand(index, question, options, withPeriod, near)
  if ('refusal' in understood) return noAnswer(command, question, understood.refusal, understood.terms)
  const asked: Question = { ...understood, command }
  const { hits, termsOfArticle } = retrieve(index, asked.terms, asked.weightOf, asked.allows, near)
  const candidates = gatherCandidates(index, asked, hits, termsOfArticle)
  const shortlist = shortlistCandidates(index, asked, candidates)
  const best = pickValues(index, command, asked, candidates, shortlist)
  if (best.size === 0) {
    // Nothing from the period the question names: said so, with whether other periods have reports.
    if (asked.period) {
      const elsewhere = answerWithin(index, command, question, options, false).answers.length > 0
      return noAnswer(command, question, outsidePeriod(asked.parts.dateWords, elsewhere), asked.terms)
    }
    const reason = hits.length === 0 ? nothingFound(asked, options) : abstention(command, asked, shortlist)
    return noAnswer(command, question, reason, asked.terms)
  }
  return {
    command,
    query: question,
    answers: groupByQuote(index, command, asked, best),
    terms: asked.terms,
    reason: '',
  }
}

/** nearTerms() over the index's vocabulary, each term's worked out once for the question (understand and retrieve). */
function nearTermsOnce(index: SearchIndex): (term: string) => Neighbour[] {
  const known = new Map<string, Neighbour[]>()
  return (term) => {
    let near = known.get(term)
    if (!near) known.set(term, (near = nearTerms(index.vocabulary, term)))
    return near
  }
}

function noAnswer<C extends Command>(command: C, query: string, reason: string, terms: string[] = []): AnswerResult<C> {
  return { command, query, answers: [], terms, reason }
}

/** The question as the steps read it. */
export interface Question {
  /** The command it was asked with, once answer() knows it. */
  command?: Command
  /** Its search terms (stems and entity keys), in order. */
  terms: string[]
  /** The words the user typed for each term ("cities" for "citi", "U.S." for "usa"): messages show these. */
  wordOf: Map<string, string>
  /** Inverse document frequency of each term. */
  weightOf: (t: string) => number
  totalWeight: number
  /** The articles the filters allow; undefined when nothing is filtered. */
  allows: ((article: number) => boolean) | undefined
  /** The period the question names, which answers must report (see periodOf). */
  period: Period | undefined
  /** How many answers to give. */
  limit: number
  /** What the value must fit: the kind of casualty asked for, the numbers the question states, its words. */
  value: ValueContext
  /** What the question says beside its terms: the period, the outlets it cites, what it asks for. */
  parts: QuestionParts
  /**
   * How much a passage of an article is preferred (1 when the question names no period or outlet, or it fits
   * neither): the article is dated in or near the period (or the passage names a day in a month the question names
   * without a year), the article is by the outlet.
   */
  preference: (article: number, passage: number) => number
  /** Terms of the question's dates, not searched but shown in bold where a quote has them. */
  dateTerms: string[]
  /** The question's names (see MIN_FOCUS_SHARE): what the article must be about. */
  focus: string[]
  /** The last word of each name of several words ("abu muhammad al-adnani"): without it, it is someone else. */
  surnames: string[]
  /** Named operations ("operation peace spring"): the article must name them, words together. */
  operations: RegExp[]
}

/** A question that cannot be searched: why, in words the user can act on. */
export interface Refusal {
  refusal: string
  terms: string[]
}

/**
 * Step 1: what the question asks. Its terms, how much each weighs (rare terms say more about what it is about), the
 * filters, and what the value must fit (the kind of casualty, the numbers it already states). A question that cannot
 * be searched (empty, too long, only question words, a filter that cannot be read) is refused with its reason.
 */
export function understand(
  index: SearchIndex,
  question: string,
  options: AnswerOptions,
  withPeriod = true,
  near: (term: string) => Neighbour[] = (term) => nearTerms(index.vocabulary, term),
): Question | Refusal {
  // Control characters are what is blanked here.
  const text = asTypedNames(question.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim())
  if (text === '')
    return {
      refusal:
        'Ask a question: name a place, a group or an event, e.g. "when did the SDF breach the wall of Raqqa\'s old city".',
      terms: [],
    }
  if (text.length > MAX_QUESTION_CHARS)
    return {
      refusal: `That question is ${text.length} characters long; ask in at most ${MAX_QUESTION_CHARS}.`,
      terms: [],
    }
  const parts = readQuestion(text)
  const searched = stripKnownOutlet(parts.searchText)
  let terms = questionTerms(searched).slice(0, MAX_TERMS)
  // A month without a year says when, but not what: when the rest is a single word ("killed in June"), it is searched.
  if (terms.length < 2 && !parts.window && parts.dateWords.length > 0)
    terms = questionTerms(`${searched} ${parts.dateWords.join(' ')}`).slice(0, MAX_TERMS)
  if (terms.length === 0)
    return {
      refusal: 'The question has no words to search for beyond question words: name a place, a group or an event.',
      terms: [],
    }
  const filter = articleFilter(index.articles, options)
  if (filter.error) return { refusal: filter.error, terms }
  const afterCorpus = !options.from && !options.to ? periodAfterCorpus(index, parts) : ''
  if (afterCorpus) return { refusal: afterCorpus, terms }
  const weightOf = termWeights(index, terms)
  const questionWords = splitWords(text)
  const questionEntities = analyze(text).entities
  const period = withPeriod ? periodOf(index, parts, options) : undefined
  const allows = !period ? filter.allows : (a: number) => period.mayReport(a) && (filter.allows?.(a) ?? true)
  return {
    terms,
    wordOf: typedWords(searched),
    weightOf,
    totalWeight: terms.reduce((sum, t) => sum + weightOf(t), 0),
    allows,
    period,
    limit: limitOf(options),
    value: {
      kind: kindAskedFor(questionWords),
      // Numbers of its dates ("sept 11 2014") are not figures the question states.
      numbers: numbersIn(splitWords(parts.searchText)),
      // The user's words and the news words they stand for ("kids": children).
      victimWords: new Set([...questionWords, ...splitWords(parts.searchText)].map((w) => w.norm)),
      asksForPerson: PERSON_ASKED.test(text),
      asksWhoActed: WHO_ACTED.test(text),
      namedActors: new Set(questionEntities.map((e) => e.entity.name)),
      namedSides: new Set(
        questionEntities.flatMap((e) =>
          e.entity.group && STATE_GROUPS.has(e.entity.group) ? [sideOf(e.entity.group)] : [],
        ),
      ),
      asksWholeWar: WHOLE_WAR.test(text),
      asksWhichGroup: WHICH_GROUP.test(text),
      questionWords: new Set(questionWords.map((w) => w.norm)),
      eventTerms: new Set(terms.filter((t) => !CASUALTY_TERMS.has(t))),
    },
    parts,
    preference: articlePreference(index, parts),
    dateTerms: questionTerms(parts.dateWords.join(' ')),
    ...namesOf(index, searched, terms, near),
    operations: namedOperations(parts.searchText),
  }
}

/**
 * "operation peace spring", "operation euphrates shield": a named event is its words together, not each of them
 * somewhere ("peaceful protests", the Arab "Spring").
 */
function namedOperations(text: string): RegExp[] {
  const out: RegExp[] = []
  for (const m of text.matchAll(/\boperation\s+([a-z][a-z'’-]*)(?:\s+([a-z][a-z'’-]*))?/gi)) {
    const words = [m[1]!, m[2]].filter((w): w is string => !!w && !STOP_WORDS.has(w.toLowerCase()))
    if (words.length === 0 || STOP_WORDS.has(m[1]!.toLowerCase()) || QUESTION_FILLER.has(m[1]!.toLowerCase())) continue
    out.push(new RegExp(`\\b${words.map((w) => w.replace(/[^a-z]/gi, '.?')).join('[\\s-]+')}\\b`, 'i'))
  }
  return out
}

/** The question's names, and the last word of each name of several words (see Question). */
function namesOf(
  index: SearchIndex,
  text: string,
  terms: string[],
  near: (term: string) => Neighbour[],
): { focus: string[]; surnames: string[] } {
  const { entities, tokens } = analyze(text)
  // Places and factions of the alias table count as names too (but "Syria", every article's, and "rebels").
  const places = new Set(
    entities
      .filter(
        (e) =>
          e.entity.key !== 'syria' &&
          (e.entity.place || (FACTION_GROUPS.has(e.entity.group ?? '') && !GENERIC_ACTORS.has(e.entity.name))),
      )
      .map((e) => e.entity.key),
  )
  const focus = terms.filter((t) => places.has(t) || isName(index, t, near))
  const surnames: string[] = []
  const named = tokens.filter((t) => focus.includes(t.term))
  // Two names joined by nothing but a particle ("yaacoub al-ammar") are one; its last word is its surname.
  const joined = (k: number) =>
    k > 0 && k < named.length && NAME_JOINT.test(text.slice(named[k - 1]!.end, named[k]!.start))
  for (let i = 0; i < named.length; i++)
    if (!joined(i + 1) && joined(i) && !surnames.includes(named[i]!.term)) surnames.push(named[i]!.term)
  return { focus, surnames }
}

/** What may stand between two words of one name: spaces, a hyphen, a particle ("al", "bin"). */
const NAME_JOINT = /^[\s-]*(?:(?:al|el|ad|ash|as|ar|an|az|at|bin|ibn|bint)[\s-]+)?$/i

/**
 * A term is a name when the articles write it capitalised, or when the corpus does not know it but knows names
 * close to it (a name spelt another way: "adnani" near "Adnan").
 */
function isName(index: SearchIndex, term: string, near: (term: string) => Neighbour[]): boolean {
  if (index.nameTerms.has(term)) return true
  return !index.termFrequency.has(term) && near(term).some((n) => index.nameTerms.has(n.term))
}

/**
 * The period a question names ("feb 2015", "4-5 july 2015"), DATE_SLACK_DAYS wider on each side: what answers it is
 * a report dated in it, or a later one whose sentence names a date in it ("IS seized Raqqa in 2014", written in
 * 2017). A report of another month is of another incident. Undefined when the question names no period, or when the
 * user gave from/to options, which are the user's own and replace it.
 */
interface Period {
  from: string
  to: string
  /** The article is dated in the period. */
  holds: (article: number) => boolean
  /** The article is not dated before the period: it may report it. */
  mayReport: (article: number) => boolean
}

function periodOf(index: SearchIndex, parts: QuestionParts, options: AnswerOptions): Period | undefined {
  if (!parts.window || options.from?.trim() || options.to?.trim()) return undefined
  const from = shiftDay(parts.window.from, -DATE_SLACK_DAYS)
  const to = shiftDay(parts.window.to, DATE_SLACK_DAYS)
  const spans = new Map<number, [string, string] | undefined>()
  const span = (a: number) => {
    if (!spans.has(a)) spans.set(a, isoDaySpan(index.articles[a]!.date))
    return spans.get(a)
  }
  return {
    from,
    to,
    holds: (a) => {
      const s = span(a)
      return s !== undefined && s[1] >= from && s[0] <= to
    },
    mayReport: (a) => {
      const s = span(a)
      return s !== undefined && s[1] >= from
    },
  }
}

/** A sentence names an event date in the period. */
function namesDateIn(index: SearchIndex, p: number, period: Period): boolean {
  return (extractionOf(index, p)?.dates ?? []).some((d) => {
    if (d.dateline) return false
    const span = isoDaySpan(d.date)
    return span !== undefined && span[1] >= period.from && span[0] <= period.to
  })
}

/** No article of the period the question names answers it. */
function outsidePeriod(dateWords: string[], elsewhere: boolean): string {
  const period = dateWords.join(', ')
  return elsewhere
    ? `Nothing in the corpus from around ${period} answers this. Reports of other dates share its words, maybe about other events: ask without "${period}" to read them.`
    : `Nothing in the corpus from around ${period} answers this.`
}

/** The latest article date of each index, read once. */
const latestDates = new WeakMap<SearchIndex, string>()

function latestArticleDay(index: SearchIndex): string {
  let latest = latestDates.get(index)
  if (latest === undefined) {
    latest = ''
    for (const a of index.articles) {
      const span = isoDaySpan(a.date)
      if (span && span[1] > latest) latest = span[1]
    }
    latestDates.set(index, latest)
  }
  return latest
}

/**
 * A question about a period that begins after the corpus's last article (and its slack) cannot be answered from it:
 * no article reports what happened after it was written. Said so, rather than quoting an older event.
 */
function periodAfterCorpus(index: SearchIndex, parts: QuestionParts): string {
  const latest = latestArticleDay(index)
  if (!parts.window || !latest || parts.window.from <= shiftDay(latest, DATE_SLACK_DAYS)) return ''
  return `The question asks about ${parts.dateWords.join(', ')}, after the latest article of the corpus (${latest}): nothing in it can report that.`
}

/**
 * The soft preferences of a question, by article: dated within the period it names (or within DATE_SLACK_DAYS of
 * it), from the outlet it cites. Articles that fit neither keep their score: these rank, they never filter.
 */
function articlePreference(index: SearchIndex, parts: QuestionParts): (article: number, passage: number) => number {
  const window = parts.window
    ? { from: shiftDay(parts.window.from, -DATE_SLACK_DAYS), to: shiftDay(parts.window.to, DATE_SLACK_DAYS) }
    : undefined
  const outlets = new Set(parts.outlets)
  const months = new Set(parts.months)
  if (!window && outlets.size === 0 && months.size === 0) return () => 1
  const cache = new Map<number, number>()
  return (a, p) => {
    // A month named without a year: the passage names a date in it ("killed in June").
    if (months.size > 0 && passageNamesMonth(index, p, months)) return DATE_PREFERENCE * articleFactor(a)
    return articleFactor(a)
  }
  function articleFactor(a: number): number {
    let factor = cache.get(a)
    if (factor === undefined) {
      const article = index.articles[a]!
      factor = 1
      if (window) {
        const span = isoDaySpan(article.date)
        if (span && span[1] >= window.from && span[0] <= window.to) factor *= DATE_PREFERENCE
      }
      if (outlets.size > 0 && outlets.has(outletKey(article.source))) factor *= OUTLET_PREFERENCE
      cache.set(a, factor)
    }
    return factor
  }
}

/** The passage names an event date (a month or a day) in one of `months`. */
function passageNamesMonth(index: SearchIndex, p: number, months: Set<number>): boolean {
  return (extractionOf(index, p)?.dates ?? []).some(
    (d) => !d.dateline && d.precision !== 'year' && months.has(Number(d.date.slice(5, 7))),
  )
}

/** The number of answers asked for, a whole number from 1 to MAX_LIMIT (the default when it is not a number). */
function limitOf(options: AnswerOptions): number {
  const asked = Math.floor(options.limit ?? DEFAULT_LIMIT)
  return Number.isFinite(asked) ? Math.max(1, Math.min(MAX_LIMIT, asked)) : DEFAULT_LIMIT
}

/**
 * The word of the question behind each term, as typed: a stem ("citi", "fridai") or an entity key ("islamicstate")
 * means nothing to a user. Question words are skipped as questionTerms skips them, so that "reports" does not stand
 * for "reporter"; the first word of a term wins.
 */
function typedWords(text: string): Map<string, string> {
  const words = new Map<string, string>()
  for (const t of analyze(text).tokens) {
    const word = text.slice(t.start, t.end)
    if (words.has(t.term) || (!t.entity && QUESTION_FILLER.has(fold(word).replace(/'/g, '')))) continue
    words.set(t.term, withClosingInitial(text, word, t.end).replace(/\s+/g, ' '))
  }
  return words
}

/** "U.S." rather than "U.S": an alias ending in an initial ends before its dot, which the user typed with it. */
function withClosingInitial(text: string, word: string, end: number): string {
  return /(?:^|\.)\p{L}$/u.test(word) && word.includes('.') && text[end] === '.' ? `${word}.` : word
}

/** The question's terms as the user typed them, for messages. */
function wordsOf(asked: Question): string[] {
  return asked.terms.map((t) => asked.wordOf.get(t) ?? t)
}

/** Inverse document frequency: a term in few passages says more about what the question is about. */
function termWeights(index: SearchIndex, terms: string[]): (t: string) => number {
  const n = index.passages.count
  const weights = new Map<string, number>()
  for (const t of terms) {
    const df = index.termFrequency.get(t) ?? 1
    const idf = Math.log(1 + (n - df + IDF_SMOOTHING) / (df + IDF_SMOOTHING))
    weights.set(t, /^\d/.test(t) ? NUMBER_WEIGHT * idf : idf)
  }
  return (t) => weights.get(t) ?? 0
}

/** The passages that may answer, each with its article's matching headline. */
interface Candidates {
  /** The best hit of each article's headline, by article (best articles first). */
  headlines: Map<number, Hit>
  /** Matching body sentences, and the lead sentences of articles whose headline matched, by passage. */
  body: Map<number, Hit>
  /** The question's terms each article holds anywhere. */
  termsOfArticle: (a: number) => Set<string>
  /** The article holds the question's names and operations (holdsFocus), worked out once per article. */
  isAbout: (a: number) => boolean
}

/**
 * Step 2: the candidates. Matching body sentences, and the lead sentences of the best-matching headlines' articles:
 * a lead tells the headline's story, often without repeating its words.
 */
function gatherCandidates(
  index: SearchIndex,
  asked: Question,
  hits: Hit[],
  termsOfArticle: (a: number) => Set<string>,
): Candidates {
  const headlines = new Map<number, Hit>()
  const body = new Map<number, Hit>()
  const articles = new Set<number>()
  for (const h of hits) {
    const article = index.passages.article[h.passage]!
    articles.add(article)
    if (isHeadline(index, h.passage) && !headlines.has(article)) headlines.set(article, h)
  }
  for (const h of hits) if (!isHeadline(index, h.passage)) body.set(h.passage, h)
  const bestLocal = new Map<number, number>()
  for (const h of hits) {
    const a = index.passages.article[h.passage]!
    const local = coverageOf(asked, h, headlines.get(a))
    if (local > (bestLocal.get(a) ?? 0)) bestLocal.set(a, local)
  }
  let leads = 0
  const lists = termLists(index, asked.terms)
  for (const [a] of headlines) {
    if (++leads > LEAD_ARTICLES) break
    addLeadSentences(index, asked, a, body, LEAD_PASSAGES, lists)
  }
  const known = new Map<number, boolean>()
  const isAbout = (a: number) => {
    let about = known.get(a)
    if (about === undefined) known.set(a, (about = holdsFocus(index, asked, a, termsOfArticle(a))))
    return about
  }
  const about = [...articles]
    .filter((a) => (bestLocal.get(a) ?? 0) >= MIN_LOCAL_COVERAGE)
    .filter(isAbout)
    .map((a) => ({ a, coverage: weightOf(asked, termsOfArticle(a)) / asked.totalWeight }))
    .filter((x) => x.coverage >= MIN_COVERAGE)
    .sort((x, y) => y.coverage - x.coverage || x.a - y.a)
    .slice(0, WHOLE_ARTICLES)
  for (const { a } of about) addLeadSentences(index, asked, a, body, WHOLE_ARTICLE_PASSAGES, lists)
  return { headlines, body, termsOfArticle, isAbout }
}

/**
 * How much of the question a candidate covers with its headline and the sentences on either side: the answer must
 * be within a sentence of what the question names, not only somewhere in the same article.
 */
function localCoverage(
  index: SearchIndex,
  asked: Question,
  candidates: Candidates,
  hit: Hit,
  headline: Hit | undefined,
): number {
  const table = termTableOf(asked)
  if (table) {
    const fast = table.localCoverage(index, asked, candidates, hit, headline)
    if (fast !== undefined) return fast
  }
  const a = index.passages.article[hit.passage]!
  const around: Array<MatchedTerms | undefined> = [hit, headline]
  const sentences: Array<MatchedTerms | undefined> = [hit]
  for (const q of [hit.passage - 1, hit.passage + 1]) {
    if (q < 0 || index.passages.article[q] !== a || isHeadline(index, q)) continue
    around.push(candidates.body.get(q))
    sentences.push(candidates.body.get(q))
  }
  // What the question names, near the answer; and what it says happened, in the sentences themselves ("when did the
  // Taliban take Kabul" is not answered by "a suicide attack in Kabul").
  // The article's lead counts as near: a story about Raqqa says so at the top, not in every paragraph.
  const first = index.firstPassageOfArticle[a]!
  for (let q = first; q < first + LEAD_PASSAGES && index.passages.article[q] === a; q++)
    around.push(candidates.body.get(q))
  const near = new Set(around.flatMap((h) => h?.queryTerms ?? []))
  if (asked.focus.length > 0 && !asked.focus.some((t) => near.has(t))) return 0
  const events = asked.terms.filter((t) => !asked.focus.includes(t) && !/^\d/.test(t))
  const said = new Set(sentences.flatMap((h) => h?.queryTerms ?? []))
  if (events.length > 0 && !events.some((t) => said.has(t))) return 0
  return weightHeld(asked, around) / asked.totalWeight
}

/**
 * The question's terms as slots of typed arrays, for the sums that run once per candidate (localCoverage,
 * weightHeld): the same sums, in the same order, without a Map or an array per candidate. One per question.
 */
class TermTable {
  private readonly slot = new Map<string, number>()
  private readonly weight: Float64Array
  private readonly best: Float64Array
  private readonly order: Uint8Array
  private readonly stamp: Uint32Array
  private epoch = 0
  private count = 0
  /** Slots of the question's names (focus), and of the words that say what happened (localCoverage's events). */
  private readonly focusMask: number
  private readonly eventsMask: number

  constructor(asked: Question) {
    for (const t of asked.terms) if (!this.slot.has(t)) this.slot.set(t, this.slot.size)
    const n = this.slot.size
    this.weight = new Float64Array(n)
    for (const [t, i] of this.slot) this.weight[i] = asked.weightOf(t)
    this.best = new Float64Array(n)
    this.order = new Uint8Array(n)
    this.stamp = new Uint32Array(n)
    let focus = 0
    for (const t of asked.focus) focus |= 1 << this.slot.get(t)!
    let events = 0
    for (const t of asked.terms) if (!asked.focus.includes(t) && !/^\d/.test(t)) events |= 1 << this.slot.get(t)!
    this.focusMask = focus
    this.eventsMask = events
  }

  /** Starts a sum (forgets the terms held so far). */
  begin(): void {
    this.epoch++
    this.count = 0
  }

  /** Term `t` held at weight `w` (the better weight kept, first holder first); false for a term not of the question. */
  hold(t: string, w: number): boolean {
    const i = this.slot.get(t)
    if (i === undefined) return false
    if (this.stamp[i] !== this.epoch) {
      if (w > 0) {
        this.stamp[i] = this.epoch
        this.order[this.count++] = i
        this.best[i] = w
      }
    } else if (w > this.best[i]!) this.best[i] = w
    return true
  }

  /** Holds each term of `h`; the slots of its terms as bits, -1 when one is not a term of the question. */
  holdAll(h: MatchedTerms | undefined): number {
    if (!h) return 0
    let mask = 0
    const weights = h.matchWeights
    for (let k = 0; k < h.queryTerms.length; k++) {
      const t = h.queryTerms[k]!
      if (!this.hold(t, weights?.[k] ?? 1)) return -1
      mask |= 1 << this.slot.get(t)!
    }
    return mask
  }

  /** The weight of the terms held since begin(), in the order weightHeld sums them. */
  sum(): number {
    let sum = 0
    for (let j = 0; j < this.count; j++) {
      const i = this.order[j]!
      sum += this.weight[i]! * this.best[i]!
    }
    return sum
  }

  /** weightHeld(asked, holders, alsoHeld); undefined when a term is not of the question. */
  weightHeld(holders: Array<MatchedTerms | undefined>, alsoHeld?: Set<string>): number | undefined {
    this.begin()
    if (alsoHeld) for (const t of alsoHeld) if (!this.hold(t, 1)) return undefined
    for (const h of holders) if (this.holdAll(h) < 0) return undefined
    return this.sum()
  }

  /** localCoverage(), the same sum over the same holders in the same order; undefined when it cannot tell. */
  localCoverage(
    index: SearchIndex,
    asked: Question,
    candidates: Candidates,
    hit: Hit,
    headline: Hit | undefined,
  ): number | undefined {
    const passages = index.passages
    const p = hit.passage
    const a = passages.article[p]!
    this.begin()
    let said = this.holdAll(hit)
    let near = said
    const h = this.holdAll(headline)
    if (said < 0 || h < 0) return undefined
    near |= h
    for (let q = p - 1; q <= p + 1; q += 2) {
      if (q < 0 || passages.article[q] !== a || passages.position[q] === 0) continue
      const m = this.holdAll(candidates.body.get(q))
      if (m < 0) return undefined
      near |= m
      said |= m
    }
    const first = index.firstPassageOfArticle[a]!
    for (let q = first; q < first + LEAD_PASSAGES && passages.article[q] === a; q++) {
      const m = this.holdAll(candidates.body.get(q))
      if (m < 0) return undefined
      near |= m
    }
    if (this.focusMask !== 0 && (near & this.focusMask) === 0) return 0
    if (this.eventsMask !== 0 && (said & this.eventsMask) === 0) return 0
    return this.sum() / asked.totalWeight
  }
}

const termTables = new WeakMap<object, TermTable | null>()

/** The question's TermTable, made once; undefined for a partial question (tests) or one of more terms than bits. */
function termTableOf(asked: Partial<Pick<Question, 'terms' | 'focus'>>): TermTable | undefined {
  if (!asked.terms || !asked.focus) return undefined
  let table = termTables.get(asked)
  if (table === undefined) {
    table = new Set(asked.terms).size <= 30 ? new TermTable(asked as Question) : null
    termTables.set(asked, table)
  }
  return table ?? undefined
}

/**
 * The article names the question's operations, and holds enough of its names (MIN_FOCUS_SHARE), each itself or in
 * another spelling.
 */
function holdsFocus(index: SearchIndex, asked: Question, a: number, heldByArticle: Set<string>): boolean {
  if (asked.operations.length > 0) {
    const { title, body } = index.articles[a]!
    if (!asked.operations.every((re) => re.test(title) || re.test(body))) return false
  }
  if (asked.focus.length === 0) return true
  if (!asked.surnames.every((t) => heldByArticle.has(t))) return false
  const total = weightOf(asked, asked.focus)
  const held = weightOf(
    asked,
    asked.focus.filter((t) => heldByArticle.has(t)),
  )
  return held >= MIN_FOCUS_SHARE * total
}

/** What a passage holds of the question, and how well each term matched (see Hit). */
type MatchedTerms = Pick<Hit, 'queryTerms' | 'matchWeights'>

/**
 * The weight of the question's terms held by any of `holders`, each term once at its best match: a typo's neighbour
 * counts for part of the term ("incendiary" is not "invented"), another spelling of a name for nearly all of it.
 * Terms of `alsoHeld` count whole.
 */
function weightHeld(
  asked: Pick<Question, 'weightOf'> & Partial<Pick<Question, 'terms' | 'focus'>>,
  holders: Array<MatchedTerms | undefined>,
  alsoHeld?: Set<string>,
): number {
  const fast = termTableOf(asked)?.weightHeld(holders, alsoHeld)
  if (fast !== undefined) return fast
  const best = new Map<string, number>()
  if (alsoHeld) for (const t of alsoHeld) best.set(t, 1)
  for (const h of holders) {
    if (!h) continue
    h.queryTerms.forEach((t, i) => {
      const w = h.matchWeights?.[i] ?? 1
      if (w > (best.get(t) ?? 0)) best.set(t, w)
    })
  }
  let sum = 0
  for (const [t, w] of best) sum += asked.weightOf(t) * w
  return sum
}

/** The weight of a set of the question's terms. */
function weightOf(asked: Pick<Question, 'weightOf'>, terms: Iterable<string>): number {
  let w = 0
  for (const t of terms) w += asked.weightOf(t)
  return w
}

/** The first `count` sentences of article `a` that are not candidates yet, with the question's frequent terms they hold. */
function addLeadSentences(
  index: SearchIndex,
  asked: Question,
  a: number,
  body: Map<number, Hit>,
  count: number,
  lists: Array<Uint32Array | undefined>,
): void {
  const first = index.firstPassageOfArticle[a]!
  const end = index.firstPassageOfArticle[a + 1]!
  for (let p = first; p < end && p < first + count; p++) {
    if (!isHeadline(index, p) && !body.has(p)) body.set(p, hitOf(index, p, asked.terms, asked.weightOf, lists))
  }
}

/** A candidate whose score is known up to its value. */
interface Shortlisted {
  hit: Hit
  /** Its article's headline hit (for a headline quote, the hit itself). */
  headline: Hit | undefined
  /** The quote would be the headline itself. */
  isHeadlineQuote: boolean
  /** The most its score can reach once its value is read. */
  bound: number
}

/**
 * Step 3: score what is cheap first. How much of the question each candidate covers, and the most its score could
 * reach once its value is read; best first, so that values are read only for the candidates that may be answers.
 */
function shortlistCandidates(index: SearchIndex, asked: Question, candidates: Candidates): Shortlisted[] {
  const shortlist: Shortlisted[] = []
  const consider = (hit: Hit, headline: Hit | undefined, isHeadlineQuote: boolean) => {
    const a = index.passages.article[hit.passage]!
    if (localCoverage(index, asked, candidates, hit, headline) < MIN_LOCAL_COVERAGE) return
    if (asked.period && !asked.period.holds(a) && !namesDateIn(index, hit.passage, asked.period)) return
    if (!candidates.isAbout(a)) return
    const bound = scoreBound(index, asked, hit, headline, candidates.termsOfArticle(a), isHeadlineQuote)
    if (bound !== undefined) shortlist.push({ hit, headline, isHeadlineQuote, bound })
  }
  for (const hit of candidates.body.values())
    consider(hit, candidates.headlines.get(index.passages.article[hit.passage]!), false)
  for (const hit of candidates.headlines.values()) consider(hit, hit, true)
  return shortlist.sort((x, y) => y.bound - x.bound || x.hit.passage - y.hit.passage)
}

/**
 * The share of the question's weight a passage and its headline cover between them, each term once: a passage that
 * names the place while its headline names the event answers as a whole.
 */
export function coverageOf(
  asked: Pick<Question, 'weightOf' | 'totalWeight'>,
  hit: MatchedTerms,
  headline: MatchedTerms | undefined,
): number {
  return weightHeld(asked, [hit, headline]) / asked.totalWeight
}

/**
 * A passage's coverage with what its article holds elsewhere counted at ELSEWHERE_SHARE, and whether the article
 * passes the gate: an article about something else that shares a word or two with the question gives no answer.
 */
function coverageInArticle(
  asked: Question,
  hit: Hit,
  headline: Hit | undefined,
  heldByArticle: Set<string>,
): { coverage: number; passes: boolean } {
  const local = coverageOf(asked, hit, headline)
  const inArticle = weightHeld(asked, [hit, headline], heldByArticle)
  const article = inArticle / asked.totalWeight
  return {
    coverage: local + ELSEWHERE_SHARE * Math.max(0, article - local),
    passes: article >= MIN_COVERAGE,
  }
}

/**
 * A candidate's score before its value is known (undefined when it fails the coverage gate): its retrieval score
 * lifted by its headline's, more for a lead sentence, less for a headline quote, times its coverage squared (a
 * passage that misses part of the question falls fast behind one that covers it all). Then the most it can reach:
 * the agreement boost a body sentence may still earn.
 */
function scoreBound(
  index: SearchIndex,
  asked: Question,
  hit: Hit,
  headline: Hit | undefined,
  heldByArticle: Set<string>,
  isHeadlineQuote: boolean,
): number | undefined {
  const { coverage, passes } = coverageInArticle(asked, hit, headline, heldByArticle)
  if (!passes) return undefined
  const position = index.passages.position[hit.passage]!
  const lead = position > 0 && position <= LEAD_SENTENCES ? LEAD_BOOST : 1
  const base =
    (hit.score + HEADLINE_WEIGHT * (headline?.score ?? 0)) *
    asked.preference(index.passages.article[hit.passage]!, hit.passage) *
    lead *
    (isHeadlineQuote ? HEADLINE_QUOTE_FACTOR : 1) *
    namesFocus(asked, hit, headline) *
    coverage *
    coverage
  return base * boostCeiling(asked, isHeadlineQuote)
}

/** A sentence (or its headline) that names what the question names is nearer the answer than its neighbours. */
function namesFocus(asked: Question, hit: Hit, headline: Hit | undefined): number {
  if (asked.focus.length === 0) return 1
  const named = asked.focus.some((t) => hit.queryTerms.includes(t) || (headline?.queryTerms.includes(t) ?? false))
  return named ? 1 : FOCUS_ELSEWHERE_FACTOR
}

/**
 * The most a candidate's value can lift its score: agreeing with its headline (a headline cannot agree with itself),
 * and stating the figure the question states when it asks for something else.
 */
function boostCeiling(asked: Question, isHeadlineQuote: boolean): number {
  return (isHeadlineQuote ? 1 : AGREEMENT_BOOST) * (identifiesByNumber(asked) ? STATED_FIGURE_BOOST : 1)
}

/** "when did regime jets hit jasim killing 15 civilians": the figure tells which incident. */
function identifiesByNumber(asked: Question): boolean {
  return asked.command !== 'casualties' && asked.value.numbers.size > 0
}

interface Candidate {
  /** First and last passage of the quote (the same unless the value is in a following sentence). */
  from: number
  to: number
  score: number
  /** The quote is the article's headline. */
  headline: boolean
  value: ValueByCommand[Command]
  /** The terms matched (its hit's and its headline's) and asked for: what its quote shows in bold (matchedTerms). */
  hitTerms: string[]
  headlineTerms: string[] | undefined
}

/**
 * Step 4: the command's value of each shortlisted candidate, best first, the best candidate of each article kept.
 * A headline is quoted only when no sentence of its article gives the value. Stops when no candidate left could
 * enter the answers, or after MAX_EVALUATED.
 */
function pickValues(
  index: SearchIndex,
  command: Command,
  asked: Question,
  candidates: Candidates,
  shortlist: Shortlisted[],
): Map<number, Candidate> {
  const bestByArticle = new Map<number, Candidate>()
  const top = new TopScores(SHORTLIST_PER_ANSWER * asked.limit + SHORTLIST_SPARE)
  const headlineValues: HeadlineValues = new Map()
  const matchesQuestion = (q: number) => (candidates.body.get(q)?.queryTerms.length ?? 0) > 0
  let evaluated = 0
  for (const c of shortlist) {
    if (top.excludes(c.bound)) break
    if (++evaluated > MAX_EVALUATED) break
    const article = index.passages.article[c.hit.passage]!
    const previous = bestByArticle.get(article)
    if (c.isHeadlineQuote && previous) continue
    const found = c.isHeadlineQuote
      ? headlineValue(index, command, c.hit.passage, asked.value)
      : findValue(index, command, c.hit.passage, asked.value, matchesQuestion)
    if (!found) continue
    const agrees =
      !c.isHeadlineQuote &&
      agreesWithHeadline(command, found.value, headlineValueOf(index, command, asked.value, article, headlineValues))
    const score = scoreWithValue(index, asked, c, found, agrees)
    if (previous && !previous.headline && previous.score >= score) continue
    bestByArticle.set(article, {
      from: found.from,
      to: found.to,
      score,
      headline: c.isHeadlineQuote,
      value: found.value,
      hitTerms: c.hit.terms,
      headlineTerms: c.headline?.terms,
    })
    top.add(score)
  }
  return bestByArticle
}

/**
 * A candidate's score once its value is read: less when the value is in a neighbouring sentence, when a date is only
 * the article's, when a figure is vague ("dozens") or the war's whole toll, when who is only "rebels"; more when it
 * agrees with its headline, or states the figure a question about something else gives.
 */
function scoreWithValue(
  index: SearchIndex,
  asked: Question,
  c: Shortlisted,
  found: Found,
  agreesWithItsHeadline: boolean,
): number {
  let factor = found.to > c.hit.passage || found.from < c.hit.passage ? NEIGHBOUR_QUOTE_FACTOR : 1
  if (agreesWithItsHeadline) factor *= AGREEMENT_BOOST
  const v = found.value as Partial<WhenValue & CasualtiesValue & WhoValue>
  if (v.basis === 'article') factor *= ARTICLE_DATE_FACTOR
  if (v.approximate) factor *= VAGUE_FIGURE_FACTOR
  if (v.count !== undefined && v.count >= WAR_TOLL && !asked.value.asksWholeWar) factor *= WAR_TOLL_FACTOR
  if (v.actors && GENERIC_ACTORS.has(v.actors[0]!))
    factor *= asked.value.asksWhichGroup ? GENERIC_ACTOR_FACTOR * GENERIC_ACTOR_FACTOR : GENERIC_ACTOR_FACTOR
  if (v.roles && !Object.values(v.roles).includes('acted')) {
    // "Who shot the ambassador": a sentence naming only a minister who spoke afterwards answers least of all.
    if (asked.value.asksWhoActed) factor *= MENTIONED_ONLY_FACTOR * MENTIONED_ONLY_FACTOR
    else if (!asked.value.asksForPerson) factor *= MENTIONED_ONLY_FACTOR
  }
  if (identifiesByNumber(asked) && statesFigure(index, found, asked.value.numbers)) factor *= STATED_FIGURE_BOOST
  return (c.bound / boostCeiling(asked, c.isHeadlineQuote)) * factor
}

/** The quote gives one of the figures the question states. */
function statesFigure(index: SearchIndex, found: Found, numbers: Set<number>): boolean {
  for (let q = found.from; q <= found.to; q++)
    if ((extractionOf(index, q)?.casualties ?? []).some((f) => numbers.has(f.count))) return true
  return false
}

/** The best scores so far, at most `size` of them: once there are that many, a bound below the last cannot enter. */
class TopScores {
  private readonly scores: number[] = []
  private readonly size: number

  constructor(size: number) {
    this.size = size
  }

  excludes(bound: number): boolean {
    return this.scores.length >= this.size && bound < this.scores[this.size - 1]!
  }

  add(score: number): void {
    // Kept in descending order: the score goes in after every score not below it.
    const scores = this.scores
    let at = scores.length
    while (at > 0 && scores[at - 1]! < score) at--
    scores.splice(at, 0, score)
    if (scores.length > this.size) scores.length = this.size
  }
}

/** The value of each article's headline, by article, read when first needed. */
type HeadlineValues = Map<number, ValueByCommand[Command] | undefined>

/** What article `a`'s headline says (its main figure or actor), read once, for the sentences that say the same. */
function headlineValueOf(
  index: SearchIndex,
  command: Command,
  ctx: ValueContext,
  a: number,
  cache: HeadlineValues,
): ValueByCommand[Command] | undefined {
  if (!cache.has(a)) {
    const first = index.firstPassageOfArticle[a]!
    const hasHeadline = first < index.passages.count && isHeadline(index, first) && index.passages.article[first] === a
    cache.set(a, hasHeadline ? valueOf(command, extractionOf(index, first), ctx) : undefined)
  }
  return cache.get(a)
}

/**
 * Step 5: the answers, best first, one per quote. Outlets carrying the same wire copy word for word give one answer
 * that names every outlet (alsoIn), so that the same sentence does not take several places.
 */
function groupByQuote<C extends Command>(
  index: SearchIndex,
  command: C,
  asked: Question,
  best: Map<number, Candidate>,
): Array<Answer<C>> {
  const ranked = [...best.entries()].sort((x, y) => y[1].score - x[1].score || x[0] - y[0])
  const answers: Array<Answer<C>> = []
  const incidents: IncidentMark[] = []
  const byQuote = new Map<string, Answer<C>>()
  for (const [a, c] of ranked) {
    const article = index.articles[a]!
    const headline = isHeadline(index, c.from)
    const quote = headline
      ? article.title.slice(index.passages.start[c.from], index.passages.end[c.to])
      : bodySlice(article, index.passages.start[c.from]!, index.passages.end[c.to]!)
    const key = sameWireCopy(quote)
    const same = byQuote.get(key)
    if (same) same.alsoIn.push(refOf(article))
    else if (answers.length < asked.limit) {
      const ans = answerOf<C>(index, asked, command, article, quote, headline, c)
      byQuote.set(key, ans)
      answers.push(ans)
      incidents.push(incidentOf(index, ans, c))
    }
  }
  return byIncident(answers, incidents)
}

/** Days apart two reports may be and still be of one incident: a toll is revised over the next days. */
const INCIDENT_DAYS = 3

/** What tells one incident from another: when it happened (or was reported), and the towns the quote names. */
interface IncidentMark {
  /** Days since 1970 of the event (a /when answer's day) or of the article; undefined when not known to the day. */
  day: number | undefined
  /** Its month (YYYY-MM), for a report dated only to the month. */
  month: string | undefined
  towns: Set<string>
}

function incidentOf(index: SearchIndex, a: Answer, c: Candidate): IncidentMark {
  const when = a.value as Partial<WhenValue>
  const iso = when.precision === 'day' && when.date ? when.date : a.article.date
  const d = parseIsoDate(iso)
  const day = d?.precision === 'day' ? dayNumber(iso) : undefined
  // The month of the event or of the article, for a report dated only to its month ("Monday, in July 2017").
  const month = (when.date ? (when.precision === 'year' ? '' : when.date) : a.article.date).slice(0, 7)
  const towns = new Set<string>()
  for (let q = c.from; q <= c.to; q++)
    for (const p of extractionOf(index, q)?.places ?? [])
      // A landmark (a wall, the old city) is a part of a town one report names and another may not.
      if (p.level === 'town' && !LANDMARK.test(p.name)) towns.add(townKey(p.name))
  return { day, month: /^\d{4}-\d{2}$/.test(month) ? month : undefined, towns }
}

/** Names of a part of a town: "the Rafiqah Wall", "Raqqa's Old City". */
const LANDMARK = /\b(?:Wall|Gate|Old City|Citadel|Dam)\b/

/** A town's name as compared: its words, whatever their order ("Raqqa's Old City", "the Old City of Raqqa"). */
function townKey(name: string): string {
  return splitWords(name.replace(/['’]s\b/g, ''))
    .map((w) => w.norm)
    .filter((w) => !NAME_PARTICLES.has(w) && w !== 'of' && w !== 'the')
    .sort()
    .join(' ')
}

/** Two reports are of one incident when they are days apart at most, and do not name only different towns. */
function sameIncident(x: IncidentMark, y: IncidentMark): boolean {
  if (x.day === undefined || y.day === undefined) {
    // A report dated only to its month may be of any day of it.
    if (x.month === undefined || x.month !== y.month) return false
  } else if (Math.abs(x.day - y.day) > INCIDENT_DAYS) return false
  if (x.towns.size === 0 || y.towns.size === 0) return true
  for (const t of x.towns) if (y.towns.has(t)) return true
  return false
}

/**
 * Numbers the answers by incident, the best answer's first (a report joins the first incident it matches), and
 * orders them by incident, best first within each.
 */
function byIncident<C extends Command>(answers: Array<Answer<C>>, marks: IncidentMark[]): Array<Answer<C>> {
  const firsts: IncidentMark[] = []
  answers.forEach((a, i) => {
    const k = firsts.findIndex((m) => sameIncident(m, marks[i]!))
    if (k >= 0) a.incident = k + 1
    else a.incident = firsts.push(marks[i]!)
  })
  return answers
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.incident - y.a.incident || x.i - y.i)
    .map((x) => x.a)
}

/** Quotes that are the same words, whatever their case, accents or spacing, are the same wire copy. */
function sameWireCopy(quote: string): string {
  // fold() of ASCII text only lowers it and turns a backtick into an apostrophe.
  if (ASCII.test(quote)) return quote.replace(/`/g, "'").toLowerCase().replace(/\s+/g, ' ')
  return fold(quote).replace(/\s+/g, ' ')
}

const ASCII = /^[\x00-\x7f]*$/

/** The terms a candidate's quote shows in bold: those its passage and headline matched, and the question's own. */
function matchedTerms(asked: Question, c: Candidate): Set<string> {
  return new Set([...c.hitTerms, ...(c.headlineTerms ?? []), ...asked.terms, ...asked.dateTerms])
}

function answerOf<C extends Command>(
  index: SearchIndex,
  asked: Question,
  command: C,
  article: SearchIndex['articles'][number],
  quote: string,
  headline: boolean,
  c: Candidate,
): Answer<C> {
  const highlights = highlightsOf(quote, matchedTerms(asked, c))
  const value =
    command === 'when'
      ? (dateNearestTheQuestion(index, c, highlights) ?? c.value)
      : command === 'who'
        ? withTitles(index, c, withNamedForces(index, index.passages.article[c.from]!, c.value as WhoValue))
        : command === 'where'
          ? withNamedLandmark(
              index,
              index.passages.article[c.from]!,
              quote,
              c.value as WhereValue,
              asked.value.questionWords,
            )
          : c.value
  return {
    quote,
    article: refOf(article),
    value: value as ValueByCommand[C],
    highlights,
    headline,
    alsoIn: [],
    incident: 1,
    credit: article.credit,
    score: Math.round(c.score * SCORE_ROUNDING) / SCORE_ROUNDING,
  }
}

/**
 * "US-backed forces (Syrian Democratic Forces)": a description in the quote, with the force the same article names
 * (DESCRIBED_AS), so that who it was is said even when the quoted sentence only describes them.
 */
function withNamedForces(index: SearchIndex, a: number, value: WhoValue): WhoValue {
  const described = value.actors.filter((n) => DESCRIBED_AS[n])
  if (described.length === 0) return value
  const named = new Set<string>()
  for (let p = index.firstPassageOfArticle[a]!; p < index.firstPassageOfArticle[a + 1]!; p++)
    for (const actor of extractionOf(index, p)?.actors ?? []) named.add(actor.name)
  const rename = new Map<string, string>()
  for (const d of described) {
    const force = DESCRIBED_AS[d]!.find((f) => named.has(f))
    if (force && !value.actors.includes(force)) rename.set(d, `${d} (${force})`)
  }
  return renamed(value, rename)
}

/** People as the quote names them, with their titles: "Coalition spokesman Col. Ryan Dillon", not "Ryan Dillon". */
function withTitles(index: SearchIndex, c: Candidate, value: WhoValue): WhoValue {
  const rename = new Map<string, string>()
  for (let p = c.from; p <= c.to; p++)
    for (const a of extractionOf(index, p)?.actors ?? []) {
      if (a.group !== PERSON || rename.has(a.name) || !value.actors.includes(a.name)) continue
      const text = passageText(index, p)
      const from = titleStart(text, a.start)
      if (from < a.start) rename.set(a.name, text.slice(from, a.end).replace(/\s+/g, ' '))
    }
  return renamed(value, rename)
}

/** The value with some actors shown by other names, in the same order and with the same roles. */
function renamed(value: WhoValue, rename: ReadonlyMap<string, string>): WhoValue {
  if (rename.size === 0) return value
  const roles: Record<string, ActorRole> = {}
  for (const [name, role] of Object.entries(value.roles)) roles[rename.get(name) ?? name] = role
  return { actors: value.actors.map((n) => rename.get(n) ?? n), roles }
}

/**
 * Step 6, when nothing is left: why. No candidate passed the coverage gate (articles share a word with the question
 * but are about something else), or none gives the command's value.
 */
function abstention(command: Command, asked: Question, shortlist: Shortlisted[]): string {
  return shortlist.length === 0 ? looselyRelated(wordsOf(asked)) : noValue(command, asked.value.kind)
}

/** What the value must fit, read from the question. */
interface ValueContext {
  kind: CasualtyKind
  /** Numbers the question states. */
  numbers: Set<number>
  /** Normalised words of the question, to prefer figures about who the question names ("children"). */
  victimWords: Set<string>
  /** The question asks for a person (PERSON_ASKED). */
  asksForPerson: boolean
  /** "who shot the ambassador", "who carried out the attack": the one who did it, not who was named. */
  asksWhoActed: boolean
  /** Actors of the alias table the question names. */
  namedActors: Set<string>
  /** "which group", "which rebel faction": a named group, of which "rebels" is none. */
  asksWhichGroup: boolean
  /** The question asks about the whole war ("how many have died in the war since 2011"), not an incident. */
  asksWholeWar: boolean
  /** The question's words, folded, to tell the places it names. */
  questionWords: Set<string>
  /** The question's terms but those of killing and wounding: what names the event asked about. */
  eventTerms: Set<string>
  /** The sides of the states the question names (STATE_GROUPS, allies as one): "did the US strike" → coalition. */
  namedSides: Set<string>
}

/** The value in the passage, or in one of the next sentences of the same article (then quoted together). */
interface Found {
  value: ValueByCommand[Command]
  /** The quote: passages from..to of one article. */
  from: number
  to: number
}

/**
 * The value of a body sentence: in the sentence, or in one of the next sentences that match the question too (a lead
 * repeats the headline, the next sentence gives the figure), or for who and where in the sentence before. For when,
 * a sentence without a date is dated by its article.
 */
function findValue(
  index: SearchIndex,
  command: Command,
  p: number,
  ctx: ValueContext,
  matchesQuestion: (q: number) => boolean,
): Found | undefined {
  const article = index.passages.article[p]!
  // "rebels" answers who only when no sentence after names the group ("The Islamic State is believed to be behind").
  let generic: Found | undefined
  for (let q = p; q <= p + FOLLOW_ON[command] && q < index.passages.count; q++) {
    if (index.passages.article[q] !== article || isHeadline(index, q)) break
    if (q > p && !matchesQuestion(q)) break
    const found = valueAt(index, command, q, ctx, q > p)
    if (found && command === 'who' && GENERIC_ACTORS.has((found.value as WhoValue).actors[0]!))
      generic ??= { ...found, from: p }
    else if (found) return { ...found, from: p }
  }
  // …nor the sentence before ("killed in a Daesh attack. Militants sneaked into the village…").
  if (generic && p > 0 && index.passages.article[p - 1] === article && !isHeadline(index, p - 1)) {
    const before = valueAt(index, command, p - 1, ctx)
    if (before && !GENERIC_ACTORS.has((before.value as WhoValue).actors[0]!))
      return { value: before.value, from: p - 1, to: generic.to }
  }
  if (generic) return generic
  // Who and where are often named one sentence before ("SDF breached the Old City of Raqqa. The fighters opened …").
  if (
    (command === 'who' || command === 'where') &&
    p > 0 &&
    index.passages.article[p - 1] === article &&
    !isHeadline(index, p - 1)
  ) {
    const found = valueAt(index, command, p - 1, ctx)
    if (found) return { value: found.value, from: p - 1, to: p }
  }
  if (command === 'when') {
    // No date in the text: the day its incident's reports give ("the raids on Saturday"), else when the article
    // reported it; either said so.
    // Only a sentence of the lead, which the article's report of its incident was read from, is about that incident.
    const inLead = index.passages.position[p]! <= INCIDENT_LEAD_SENTENCES
    const incident = inLead ? index.incidents[index.incidentOfArticle[article] ?? -1] : undefined
    const agreed = incident ? agreedDayOf(incident) : undefined
    const { date } = index.articles[article]!
    if (agreed && agreed <= date)
      return {
        value: { date: agreed, precision: 'day', text: '', basis: 'incident' } satisfies WhenValue,
        from: p,
        to: p,
      }
    const d = parseIsoDate(date)
    if (d)
      return { value: { date, precision: d.precision, text: '', basis: 'article' } satisfies WhenValue, from: p, to: p }
    const dateline = datelineValue(extractionOf(index, p))
    return dateline ? { value: dateline, from: p, to: p } : undefined
  }
  return undefined
}

const agreedDays = new WeakMap<Incident, string | undefined>()

/** agreedDay(incident), worked out once per incident of the index (an incident of FA-KES ×100 has 100 reports). */
function agreedDayOf(incident: Incident): string | undefined {
  if (agreedDays.has(incident)) return agreedDays.get(incident)
  const day = agreedDay(incident)
  agreedDays.set(incident, day)
  return day
}

/** The value of a headline: in its own words only (a headline has no neighbouring sentence). */
function headlineValue(index: SearchIndex, command: Command, p: number, ctx: ValueContext): Found | undefined {
  const found = valueAt(index, command, p, ctx)
  return found ? { ...found, from: p } : undefined
}

/** The value extraction stored for passage `q`, with `q` as the last passage of the quote. */
function valueAt(
  index: SearchIndex,
  command: Command,
  q: number,
  ctx: ValueContext,
  followOn = false,
): { value: ValueByCommand[Command]; to: number } | undefined {
  let x = extractionOf(index, q)
  if (command === 'when' && followOn) x = withoutBackgroundYears(index, q, x)
  if (command === 'casualties') x = withoutOtherEventsFigures(index, q, x, ctx, followOn)
  if ((command === 'when' || command === 'casualties') && actedByAnotherState(x, ctx)) return undefined
  const value = valueOf(command, x, ctx)
  return value ? { value, to: q } : undefined
}

/**
 * The passage tells what another state did: a state acts in it, none of the sides the question names is in it at
 * all. "Russia Begins Airstrikes In Syria" does not say when the US started its own.
 */
function actedByAnotherState(x: Extraction | null, ctx: ValueContext): boolean {
  if (!x || ctx.namedSides.size === 0) return false
  let anotherActed = false
  for (const actor of x.actors) {
    if (!STATE_GROUPS.has(actor.group)) continue
    if (ctx.namedSides.has(sideOf(actor.group))) return false
    if (actor.role === 'acted') anotherActed = true
  }
  return anotherActed
}

/** Terms of killing and wounding: a question's other terms name the event it asks about. */
const CASUALTY_TERMS = new Set(questionTerms('killed died dead deaths casualties wounded injured'))
/** Terms that name an event: a relative clause after one of them tells what that event did. */
const EVENT_TERMS = new Set(
  questionTerms('attack strike airstrike raid bombing shelling explosion assault massacre offensive clashes fighting'),
)
/** "… attack that killed", "…, which has killed": a figure in a relative clause, about the noun phrase before it. */
const RELATIVE_CLAUSE_END_RE = /,?\s*\b(?:that|which)\s+(?:(?:has|have|had)\s+)?(?:reportedly\s+|allegedly\s+)?$/i
/** Between a figure and a part of it: "86 people, including 27 children", "12 killed, among them three women". */
const PART_OF_FIGURE_RE = /^[^.;]{0,40}\b(?:including|among them|among whom|of them|of whom)\s+(?:at least\s+)?$/i
/** Words before an event noun that may still describe it: "a chemical weapons attack", "Tuesday's sarin attack". */
const EVENT_MODIFIER_WORDS = 4

/**
 * Drops a figure a relative clause gives about another event than the one asked: in "missile strikes on a Syrian
 * airbase in response to a chemical weapons attack that killed dozens", the dozens are the chemical attack's, and
 * the sentence does not say how many the strikes killed. Only when the question's event words are in the passage
 * outside that event's noun phrase and none in it: a clause about the event asked keeps its figure.
 */
function withoutOtherEventsFigures(
  index: SearchIndex,
  q: number,
  x: Extraction | null,
  ctx: ValueContext,
  followOn: boolean,
): Extraction | null {
  if (!x || x.casualties.length === 0 || ctx.eventTerms.size === 0) return x
  const text = passageText(index, q)
  /** Where the last figure dropped ends: "…, including 27 children" after it is part of it. */
  let dropped = -1
  const kept = x.casualties.filter((f) => {
    if (dropped >= 0 && f.start >= dropped && PART_OF_FIGURE_RE.test(text.slice(dropped, f.start))) return false
    const clause = RELATIVE_CLAUSE_END_RE.exec(text.slice(0, f.start))
    if (!clause) return true
    // The event the clause is about: the last event noun before it, with its modifiers and what follows it.
    const words = splitWords(text.slice(0, clause.index))
    let noun = words.length - 1
    while (noun >= 0 && !questionTerms(words[noun]!.raw).some((t) => EVENT_TERMS.has(t))) noun--
    if (noun < 0) return true
    let first = noun
    while (first > 0 && noun - first < EVENT_MODIFIER_WORDS) {
      const previous = words[first - 1]!
      if (/^(?:a|an|the)$/i.test(previous.raw) || /['’]s$/i.test(previous.raw)) {
        first--
        break
      }
      if (STOP_WORDS.has(previous.norm)) break
      first--
    }
    const event = new Set(questionTerms(text.slice(words[first]!.start, clause.index)))
    if ([...ctx.eventTerms].some((t) => event.has(t))) return true
    // The event asked is what the clause hangs from: named before it (or in the sentence before, which matched the
    // question). What follows the figure is the clause's own ("… that killed nine near the Mogambo restaurant").
    const before = new Set(questionTerms(text.slice(0, words[first]!.start)))
    if (!followOn && ![...ctx.eventTerms].some((t) => before.has(t))) return true
    dropped = f.start + f.text.length
    return false
  })
  return kept.length === x.casualties.length ? x : { ...x, casualties: kept }
}

/**
 * In the sentence after the one that matched, a year alone two or more years before the article ("The attack damaged
 * the Opera House, inaugurated in 2004") is background, not the date of what the question asks about.
 */
function withoutBackgroundYears(index: SearchIndex, q: number, x: Extraction | null): Extraction | null {
  if (!x || !x.dates.some((d) => d.precision === 'year')) return x
  const year = Number(index.articles[index.passages.article[q]!]!.date.slice(0, 4))
  if (!Number.isFinite(year) || year === 0) return x
  return { ...x, dates: x.dates.filter((d) => d.precision !== 'year' || Number(d.date.slice(0, 4)) >= year - 1) }
}

/** The command's value in what extraction found in one passage, undefined when the passage does not give it. */
function valueOf(command: Command, x: Extraction | null, ctx: ValueContext): ValueByCommand[Command] | undefined {
  switch (command) {
    case 'search':
      return {}
    case 'when': {
      const event = x?.dates.filter((d) => !d.dateline) ?? []
      const pick = event.find((d) => d.precision === 'day') ?? event[0]
      return pick
        ? ({ date: pick.date, precision: pick.precision, text: pick.text, basis: 'text' } satisfies WhenValue)
        : undefined
    }
    case 'who': {
      // Who the question names is who it asks about ("the suicide bomb on Jaish al-Islam"), not the answer.
      const actors = (x?.actors ?? []).filter((a) => !ctx.namedActors.has(a.name))
      // A sentence answers "who" when it names someone taking part, not only who reported it (a monitor, the UN);
      // "which spokesman", "name of the governor" ask for a person, and a sentence without one does not answer.
      const person = (a: ActorMention) => a.group === PERSON
      if (
        ctx.asksForPerson
          ? !actors.some(person)
          : !actors.some((a) => a.role !== 'hit' && !REPORTER_GROUPS.has(a.group) && !person(a))
      )
        return undefined
      // "Who shot the ambassador": a sentence where no one does anything (a minister speaking after) names no one who did.
      if (ctx.asksWhoActed && !actors.some((a) => a.role === 'acted' && !REPORTER_GROUPS.has(a.group))) return undefined
      const roles: Record<string, ActorRole> = {}
      const people = new Set<string>()
      const reporters = new Set<string>()
      for (const a of actors) {
        if (person(a)) people.add(a.name)
        if (REPORTER_GROUPS.has(a.group)) reporters.add(a.name)
        if (!(a.name in roles) || ROLE_ORDER[a.role] < ROLE_ORDER[roles[a.name]!]) roles[a.name] = a.role
      }
      // People first when the question asks for one, else after the groups; "rebels" after the group it names; who
      // reported it (a monitor, the UN) last.
      const rank = (name: string) =>
        (people.has(name) === ctx.asksForPerson ? 0 : 2) +
        (GENERIC_ACTORS.has(name) ? 1 : 0) +
        (reporters.has(name) ? 4 : 0)
      const names = Object.keys(roles).sort(
        (m, n) => rank(m) - rank(n) || ROLE_ORDER[roles[m]!] - ROLE_ORDER[roles[n]!],
      )
      return { actors: names, roles } satisfies WhoValue
    }
    case 'where': {
      // The places the question names say where to look, not the answer; "Syria" answers nothing.
      const places = (x?.places ?? []).filter(
        (p) => p.name !== 'Syria' && !ctx.namedActors.has(p.name) && !namedBy(ctx.questionWords, p.name),
      )
      if (places.length === 0) return undefined
      const names: string[] = []
      const regions: Record<string, string> = {}
      for (const p of [...places].sort((m, n) => PLACE_ORDER[m.level] - PLACE_ORDER[n.level] || m.start - n.start)) {
        if (names.includes(p.name)) continue
        names.push(p.name)
        if (p.region) regions[p.name] = p.region
      }
      // A town's region is shown when the quote does not name it already: "Tibni (Deir ez-Zor)".
      for (const [name, region] of Object.entries(regions)) if (names.includes(region)) delete regions[name]
      return (Object.keys(regions).length > 0 ? { places: names, regions } : { places: names }) satisfies WhereValue
    }
    case 'casualties': {
      const figures = (x?.casualties ?? []).filter(
        (f) => f.kind === ctx.kind || (ctx.kind === 'killed' && f.kind === 'casualties'),
      )
      if (figures.length === 0) return undefined
      // A figure the question already states is not what it asks ("kill 42 including 16 children" asked without 42).
      const unstated = figures.filter((f) => !ctx.numbers.has(f.count))
      if (unstated.length === 0) return undefined
      // Of several figures, the one about whom the question names ("children"), else the first (the main one).
      let f = unstated[0]!
      let best = 0
      for (const figure of unstated) {
        const overlap = victimOverlap(ctx, figure.victims)
        if (overlap > best) [f, best] = [figure, overlap]
      }
      return {
        count: f.count,
        qualifier: f.qualifier,
        kind: f.kind,
        victims: f.victims,
        approximate: f.approximate,
        text: f.text,
      } satisfies CasualtiesValue
    }
  }
}

const victimOverlaps = new WeakMap<ValueContext, Map<string, number>>()

/** How many words of a figure's victims the question names (but "people"), counted once per question and victims. */
function victimOverlap(ctx: ValueContext, victims: string): number {
  let known = victimOverlaps.get(ctx)
  if (!known) victimOverlaps.set(ctx, (known = new Map<string, number>()))
  let overlap = known.get(victims)
  if (overlap === undefined) {
    overlap = splitWords(victims).filter((w) => ctx.victimWords.has(w.norm) && w.norm !== GENERIC_VICTIM).length
    known.set(victims, overlap)
  }
  return overlap
}

/**
 * Of several dates in a quote, the one nearest the words the question asked about: "advancing on the city since
 * November, and launched an offensive on 6 June" answers "since when … advancing" with November.
 */
function dateNearestTheQuestion(
  index: SearchIndex,
  c: Candidate,
  highlights: Array<[number, number]>,
): WhenValue | undefined {
  if ((c.value as WhenValue).basis !== 'text' || highlights.length === 0) return undefined
  const origin = index.passages.start[c.from]!
  const mentions: Array<{ at: number; value: WhenValue }> = []
  for (let q = c.from; q <= c.to; q++) {
    for (const d of extractionOf(index, q)?.dates ?? []) {
      if (d.dateline) continue
      mentions.push({
        at: index.passages.start[q]! - origin + d.start + d.text.length / 2,
        value: { date: d.date, precision: d.precision, text: d.text, basis: 'text' },
      })
    }
  }
  if (mentions.length < 2) return undefined
  const distance = (at: number) => Math.min(...highlights.map(([s, e]) => Math.abs(at - (s + e) / 2)))
  return mentions.reduce((best, m) => (distance(m.at) < distance(best.at) ? m : best)).value
}

/** Every word of a place's name (but "al", "el") is among the question's words: the question names it. */
function namedBy(questionWords: Set<string>, name: string): boolean {
  const words = splitWords(name)
    .map((w) => w.norm)
    .filter((w) => !NAME_PARTICLES.has(w))
  return words.length > 0 && words.every((w) => questionWords.has(w))
}

const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'an', 'az'])

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

/** The sentence gives the value its article's headline gives: the article's main fact, not a side figure. */
function agreesWithHeadline(
  command: Command,
  value: ValueByCommand[Command],
  headline: ValueByCommand[Command] | undefined,
): boolean {
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

/** The article's dateline (its publication stamp), for a when answer from an article without a date. */
function datelineValue(x: Extraction | null): WhenValue | undefined {
  const d = x?.dates.find((m) => m.dateline)
  return d ? { date: d.date, precision: d.precision, text: d.text, basis: 'text' } : undefined
}

/** What an answer says about the article it quotes. */
function refOf(a: SearchIndex['articles'][number]): ArticleRef {
  return { id: a.id, title: a.title, source: a.source, date: a.date, url: a.url }
}

/** Spans of the quote whose terms the question asked about, for bold; the quote itself is never changed. */
export function highlightsOf(quote: string, terms: Set<string>): Array<[number, number]> {
  return analyze(quote)
    .tokens.filter((t) => terms.has(t.term))
    .map((t): [number, number] => [t.start, t.end])
}

/** No passage holds any of the question's terms (or their neighbours in the vocabulary). */
function nothingFound(asked: Question, options: AnswerOptions): string {
  const filtered = (options.sources?.length ?? 0) > 0 || options.from || options.to
  return filtered
    ? 'Nothing in the corpus matches this question with those filters. Try without the source or date filter.'
    : `Nothing in the corpus matches this question (searched for: ${wordsOf(asked).join(', ')}). Try other words or a place name.`
}

/** Passages share words with the question, but none covers enough of it (the coverage gate). */
function looselyRelated(words: string[]): string {
  return `Nothing in the corpus answers this: some articles share a word with the question (${words.join(', ')}), but none is about it. Try naming the place or the group.`
}

/** Articles pass the coverage gate, but none of their sentences gives the command's value. */
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
