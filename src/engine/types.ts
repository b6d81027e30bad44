// The engine's data model: articles in, answers out. Nothing here knows about Discord.

/** An article as loaded from the corpus. Unknown fields are empty strings, never guesses. */
export interface Article {
  id: string
  title: string
  /** The outlet, e.g. "BBC", "reuters". */
  source: string
  /** ISO date of the article: "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" when unknown. */
  date: string
  /**
   * The date the dataset lists for the article (its date column or front matter, as ISO), kept only when the text's
   * own dateline gives another date (which `date` then holds); absent when they agree or nothing is listed.
   */
  listedDate?: string
  url: string
  body: string
  /** Main place given by the corpus metadata (FA-KES `location`), "" when none. */
  location: string
  /** Credit owed wherever the article is shown (a dataset's licence), "" when none. */
  credit: string
}

/** What an answer says about the article it quotes. */
export type ArticleRef = Pick<Article, 'id' | 'title' | 'source' | 'date' | 'url'>

export const COMMANDS = ['when', 'who', 'where', 'casualties', 'search'] as const
export type Command = (typeof COMMANDS)[number]

export function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value)
}

export type DatePrecision = 'day' | 'week' | 'month' | 'year'

/** A date mentioned in a passage, resolved against the article's date. */
export interface DateMention {
  /** "YYYY-MM-DD" | "YYYY-MM" | "YYYY"; for precision "week", the Monday of that week. */
  date: string
  precision: DatePrecision
  /** The words of the passage that give the date. */
  text: string
  /** Offset of `text` in the passage. */
  start: number
  /** True for a dateline (publication stamp at the top of the article), not an event date. */
  dateline: boolean
}

export type ActorRole = 'acted' | 'hit' | 'mentioned'

export interface ActorMention {
  /** Canonical name, e.g. "Syrian government forces". */
  name: string
  /** The alias table's group ("regime", "is", "monitor", …). */
  group: string
  role: ActorRole
  /** Offset in the passage of the words naming the actor. */
  start: number
  end: number
}

export interface PlaceMention {
  name: string
  /** country < governorate < city/town/district: used to put the most specific place first. */
  level: PlaceLevel
  start: number
  end: number
  /** The governorate (or the neighbouring country) the gazetteer puts a town in, when only one place has its name. */
  region?: string
}

export type PlaceLevel = 'country' | 'governorate' | 'town'

export type CasualtyKind =
  'killed' | 'wounded' | 'casualties' | 'displaced' | 'trapped' | 'missing' | 'detained' | 'kidnapped' | 'besieged'

/** A reported figure, as reported. */
export interface CasualtyFigure {
  count: number
  /** "at least", "more than", "up to", ... or "" when the figure is given plainly. */
  qualifier: string
  kind: CasualtyKind
  /** Who was counted, in the article's words ("civilians", "ISIS militants"), or "". */
  victims: string
  /** True for vague quantities ("dozens" → 12) that were mapped to a number. */
  approximate: boolean
  /** The words of the passage that give the figure. */
  text: string
  start: number
}

/** What extraction found in one passage; computed once, at index time. */
export interface Extraction {
  dates: DateMention[]
  actors: ActorMention[]
  places: PlaceMention[]
  casualties: CasualtyFigure[]
}

export interface WhenValue {
  date: string
  precision: DatePrecision
  /** The date words quoted from the passage, or "" when the value is the article's own date. */
  text: string
  /**
   * "text": the passage dates the event; "incident": the passage gives no date, but the reports of its incident
   * (grouped at index time) do; "article": neither, so this is when it was reported.
   */
  basis: 'text' | 'article' | 'incident'
}

export interface WhoValue {
  /** Canonical names; who acted first, then who is mentioned, then who was hit. */
  actors: string[]
  roles: Record<string, ActorRole>
}

export interface WhereValue {
  /** Most specific first. */
  places: string[]
  /** Place → the governorate or country the gazetteer puts it in, for towns whose region the quote does not name. */
  regions?: Record<string, string>
}

export interface CasualtiesValue {
  count: number
  qualifier: string
  kind: CasualtyKind
  victims: string
  approximate: boolean
  text: string
}

export type SearchValue = Record<string, never>

export interface ValueByCommand {
  when: WhenValue
  who: WhoValue
  where: WhereValue
  casualties: CasualtiesValue
  search: SearchValue
}

export interface Answer<C extends Command = Command> {
  /** One or more whole sentences, word for word from the article. */
  quote: string
  article: ArticleRef
  value: ValueByCommand[C]
  /** Spans [start, end) of `quote` that match the question's terms (for bold). */
  highlights: Array<[number, number]>
  /** True when the quote is the article's headline rather than a sentence of its body. */
  headline: boolean
  /** Other articles that carry the same sentence word for word. */
  alsoIn: ArticleRef[]
  /**
   * Which incident the answer reports: 1 for the best answer's, 2, 3… for others (another day, another place).
   * Answers are ordered by incident; figures are compared only within one.
   */
  incident: number
  /** Credit owed for the article (its dataset's licence), "" when none. */
  credit: string
  score: number
}

export interface AnswerOptions {
  /** Outlet names (case-insensitive); empty means all. */
  sources?: string[]
  /** Inclusive ISO date bounds on the article's date. */
  from?: string
  to?: string
  limit?: number
}

export interface AnswerResult<C extends Command = Command> {
  command: C
  query: string
  answers: Array<Answer<C>>
  /** The search terms the question was reduced to (after question words and filler are dropped). */
  terms: string[]
  /** Why there are no answers, in words a user can act on; "" when there are answers. */
  reason: string
}
