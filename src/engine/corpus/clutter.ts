// Page furniture inside article bodies: datelines, share bars, tag lists, related-story lists, photo captions and
// credits, bylines, newsletter and cookie notices, navigation menus. Quotes must stay verbatim (contiguous substrings
// of the original body), so clutter is never deleted: it is marked as spans that the indexer neither quotes nor
// indexes, and at whose boundaries it cuts sentences.
//
// Precision over recall: every rule is anchored on a strong cue (the start or end of the body, a whole line, a fixed
// phrase, a photo credit, a run of tag words that ends where a sentence starts). All regexes are linear: bounded
// quantifiers, no nested repetition.

import { MONTH_NAME } from '../extract/dates.js'
import { datelineDate } from './dateline.js'

export interface ClutterSpan {
  start: number
  end: number
  /** What the clutter is: 'dateline', 'share', 'tags', 'related', 'caption', 'credit', 'byline', 'newsletter', … */
  kind: string
}

type Add = (start: number, end: number, kind: string) => void

/**
 * Sorted, non-overlapping spans of `body` that are page furniture, not news text. A span covers the clutter words
 * and the spaces right after them (never a line break), so that what is left on either side is whole text.
 */
export function clutterSpans(body: string): ClutterSpan[] {
  const spans: ClutterSpan[] = []
  const add: Add = (start, end, kind) => {
    if (end > start) spans.push({ start, end, kind })
  }
  leadingStamp(body, add)
  inlineFurniture(body, add)
  captions(body, add)
  tagRuns(body, add)
  lineFurniture(body, add)
  trailingFurniture(body, add)
  hoverCards(body, add)
  return settle(body, spans)
}

// ---------------------------------------------------------------------------------------------------------------
// Datelines: the stamp that opens the body ("Date of publication 10 July 2016", "Published April 2 2017",
// "Last updated at Apr 232017", "Mon Jul 18 2016", "23-04-2016", "Thursday 28 January 2016 17:27"), or an agency's
// stamp after the repeated headline ("… Monitor AFP Sunday 8 Oct 2017").

const MONTH = String.raw`(?:${MONTH_NAME})\.?`
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?`
const YEAR = String.raw`(?:19|20)\d{2}(?!\d)`
const DATE = [
  String.raw`${WEEKDAY}\d{1,2}\s+${MONTH},?\s+${YEAR}`,
  String.raw`${WEEKDAY}${MONTH}\s+\d{1,2},?\s+${YEAR}`,
  String.raw`${WEEKDAY}${MONTH}\s+\d{1,2}(?:19|20)\d{2}(?!\d)`,
  String.raw`${WEEKDAY}\d{1,2}[./-]\d{1,2}[./-]${YEAR}`,
].join('|')
/** A clock time after the date: "17:27", "0742 PM", "(updated 1935 05.10.2017)". */
const TIME = String.raw`(?:\s*(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{3,4}\s*[ap]m\b|\(updated\s+\d{3,4}\s+\d{1,2}\.\d{1,2}\.${YEAR}\)))?`
const LABEL = String.raw`(?:date\s+of\s+publication|published(?:\s+on)?|(?:last\s+)?updated(?:\s+at|\s+on)?|posted(?:\s+on)?)[\s:,-]*`
const AGENCY = String.raw`(?:AFP|AP|Reuters|SANA|Xinhua|dpa|UPI|Anadolu|TASS|IRNA)`
/** At the very start: an optional label, the date, an optional time. */
const OPENING_STAMP_RE = new RegExp(String.raw`^\s*(?:${LABEL})?(?:${DATE})${TIME}\s*`, 'i')
/** Near the top, after the repeated headline: an agency's name and a date ("Monitor AFP Sunday 8 Oct 2017"). */
const AGENCY_STAMP_RE = new RegExp(String.raw`\b${AGENCY}\s+(?:${DATE})${TIME}[ \t]*`, 'gi')
/** "Video" standing right after the stamp (Al-Araby): a media label, not the lead. */
const VIDEO_LABEL_RE = /^Video[ \t]+(?=[A-Z0-9])/

function leadingStamp(body: string, add: Add): void {
  const top = body.slice(0, 400)
  // The engine reads the article's date from the same stamps; without one there is no stamp to mark.
  if (!datelineDate(top)) return
  const m = OPENING_STAMP_RE.exec(top)
  if (m) {
    const start = m[0].length - m[0].trimStart().length
    let end = m[0].length
    const video = VIDEO_LABEL_RE.exec(top.slice(end))
    if (video) end += video[0].length
    add(start, end, 'dateline')
    return
  }
  AGENCY_STAMP_RE.lastIndex = 0
  const a = AGENCY_STAMP_RE.exec(top)
  if (a && a.index < 240) add(a.index, a.index + a[0].length, 'dateline')
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed phrases anywhere in the body.

const INLINE: Array<{ re: RegExp; kind: string }> = [
  // Sputnik: "02.10.2017(updated 1935 05.10.2017) Get short URL 0 110", "Get short URL Topic Battle Against Daesh
  // in Syria (180) 0 54"
  {
    re: new RegExp(
      String.raw`(?:\b\d{1,2}\.\d{1,2}\.${YEAR}(?:\s*\(updated\s+\d{3,4}\s+\d{1,2}\.\d{1,2}\.${YEAR}\))?\s*)?Get\s+short\s+URL(?:\s+Topic\s+[A-Z][^()\n]{0,80}\(\d{1,5}\))?(?:\s+\d[\d,.]{0,9}){0,4}[ \t]*`,
      'g',
    ),
    kind: 'share',
  },
  // Ahram: "Print Tweet Views 458 Related"
  { re: /\bPrint\s+Tweet\s+Views\s+\d[\d,]{0,9}(?:\s+Related\b)?[ \t]*/g, kind: 'share' },
  // Daily Sabah: "SEND httpsabahdai.ly9x2W4z"
  { re: /\bSEND\s+https?:?\/{0,2}sabahdai\.ly\/?[\w-]{1,20}[ \t]*/g, kind: 'share' },
  // USA Today: "Read or Share this story: http://usat.ly/12Pe6GO"
  { re: /\bRead or Share this story:\s*\S{1,80}[ \t]*/g, kind: 'share' },
  // Sputnik: "REUTERS Rodi Said Middle East 0041", "Sputnik Mikhail Voskresenskiy Middle East 2159" (photo credit,
  // section, time; the date after it is caught above)
  {
    re: /\b(?:REUTERS|Sputnik|AP|AFP)(?:\s+[A-Z][a-z]+){1,3}\s+(?:Middle East|World|Military & Intelligence|Politics)\s+\d{4}\b[ \t]*/g,
    kind: 'credit',
  },
  // Reuters: "Our Standards:The Thomson Reuters Trust Principles."
  { re: /\bOur Standards:\s*The Thomson Reuters Trust Principles\.?[ \t]*/g, kind: 'credit' },
  // Reuters: "Reporting by Angus McDowall; writing by Sami Aboudi; editing by Andrew Roche" right before the standards
  // line or the end of the body.
  {
    re: /\b(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\s+[A-Z][^.\n"“”]{0,200}?(?=\s*(?:Our Standards:|\)?\s*$))[ \t)]*/g,
    kind: 'byline',
  },
  // Photo credits in parentheses: "(Photo: Craig Ruttle, AP)", "(Reuters photo: Kevin Lamarque)", "(AFP Photo)"
  {
    re: /\((?:Photo|Reuters photo|AFP photo|AP Photo|AA Photo|File photo)(?::[^()\n]{1,100}| (?:AFP|AP|Reuters))?\)[ \t]*/gi,
    kind: 'caption',
  },
  // "Enlarge this image toggle caption Jeff J Mitchell/Getty Images Jeff J Mitchell/Getty Images" (NPR)
  { re: /\bEnlarge this image toggle caption\b[^\n]{0,200}/g, kind: 'caption' },
  // "Image copyright Getty Images Image caption Syria's decision was reported at the Bonn climate conference" (BBC)
  { re: /\bImage copyright\b[^\n]{0,120}?\bImage caption\b[^\n]{0,300}/g, kind: 'caption' },
  // CNN galleries: "Photos: Unrest in Syria Syrian civil war in photos – Syrians gather at … Hide Caption 2 of 222"
  { re: /\bPhotos: [^\n]{0,1500}?Hide Caption \d{1,3} of \d{1,3}[ \t]*/g, kind: 'caption' },
  // "Hide Caption 6 of 6", "Photos: Syria's civil war Hide Caption 2 of 20" (CNN galleries)
  { re: /\bHide Caption \d{1,3} of \d{1,3}[ \t]*/g, kind: 'caption' },
  // USA Today's and CNN's summary box: "Story Highlights", "Story highlights" (the highlights after it are kept)
  { re: /\bStory [Hh]ighlights[ \t]*/g, kind: 'navigation' },
  // NPR: "toggle caption Carolyn Kaster/AP" on a line of its own (the "Enlarge this image" before it lost)
  { re: /(?<=^|\n)[ \t]*toggle caption\b[^\n]{0,200}/g, kind: 'caption' },
  // Embedded tweets: the photo link, the author and the date after the tweet's words ("… pic.twitter.com/a0OW32cgjP
  // — Raheem Kassam (@RaheemKassam) September 5, 2015"; FA-KES lost the slashes and "@": "pic.twitter.com0Zw6eHpmd4
  // The Syrian Observer (observesyria) July 27 2016"). The tweet's own words are kept.
  {
    re: new RegExp(
      String.raw`\bpic\.twitter\.com\/?[A-Za-z0-9]{5,14}(?:[ \t]+(?:(?:—[ \t]+)?[^\n()—]{0,60}?\(@?\w{1,30}\)(?:[ \t]+(?:${MONTH}[ \t]+)?\d{1,2}(?:,|[ \t]+[^\s\d]{1,4})?[ \t]+${YEAR})?|—[ \t]+[^\n]{1,60}$))?[ \t]*`,
      'gim',
    ),
    kind: 'tweet',
  },
  // The Guardian's explainer boxes: "Q&A What are the military options in Syria? Show Hide", "Timeline The Syrian war
  // Show Hide" (the explainer's text after it is kept)
  { re: /(?<=^|\n)(?:Q&A|Timeline|Explainer)[ \t][^\n]{1,100}?[ \t]Show Hide[ \t]*/g, kind: 'navigation' },
  // Bloomberg: "LISTEN TO ARTICLE 2:05 SHARE THIS ARTICLE Share Tweet Post Email"
  {
    re: /\bLISTEN TO ARTICLE \d{1,2}:\d{2} SHARE THIS ARTICLE(?: Share)?(?: Tweet)?(?: Post)?(?: Email)?[ \t]*/g,
    kind: 'share',
  },
  // A share bar before the lead: "AFP Monday 16 Jun 2014 Print Tweet Syrian regime helicopters …" (Ahram), "… - News -
  // Top Tweet Iranian …"
  { re: /(?:\bPrint|(?<=\s-\s)Top)[ \t]+Tweet[ \t]+(?=[A-Z])/g, kind: 'share' },
  // Photo credits closing a caption's line: "… on February 8, 2018. Photo: ABDULMONAM EASSA/AFP/Getty Images",
  // "… Zeid Ra’ad al Hussein. Photograph: Henry Romero/Reuters", "… reports. Photo: Associated Press"
  { re: /(?<=[\s.”"])Photo(?:graph)?: [^\n]{1,80}$/gm, kind: 'credit' },
  // The Guardian's photo share bar and caption, a line of their own: "Facebook Twitter Pinterest Rex Tillerson and …"
  { re: /(?<=^|\n)Facebook Twitter Pinterest [^\n]{1,500}/g, kind: 'caption' },
  // Politico: "… the attack. | Saul Loeb/AFP/Getty Images Trump blames Putin …"
  {
    re: /(?<=\s)\|[ \t]+[^\n|/]{1,60}\/(?:[^\n|/]{1,30}\/)?(?:Getty Images|AP|AFP|Reuters|EPA)\b[ \t]*/g,
    kind: 'credit',
  },
  // A copyright notice closing a line: "— Rich Lowry is the editor of National Review. … © 2017 King Features Syndicate"
  { re: /©[ \t]?(?:19|20)\d{2}\b[^\n]{0,80}$/gm, kind: 'copyright' },
  // The NYT's newsletter box, a line of its own: "Newsletter Sign Up Continue reading the main story Please verify
  // you're not a robot by clicking the box. Invalid email address. … View all New York Times newsletters."
  { re: /(?<=^|\n)Newsletter Sign Up Continue reading the main story\b[^\n]{0,900}/g, kind: 'newsletter' },
  // Politico's newsletter boxes, a line of their own: "POLITICO Playbook newsletter Sign up today … By signing up you
  // agree to receive email newsletters or alerts from POLITICO. You can unsubscribe at any time. …"
  {
    re: /(?<=^|\n)[^\n]{0,160}?\bSign [Uu]p\b[^\n]{0,200}?\bBy signing up you agree to receive email newsletters\b[^\n]{0,300}/g,
    kind: 'newsletter',
  },
  // Fox News promos inside a closing line: "Want FOX News First in your inbox every day? Sign up here.", "To catch Chris
  // live online daily at 11:30 a.m. ET, click here.", "… Van Susteren” Click here for Gretawire."
  { re: /\bWant FOX News First in your inbox every day\? Sign up here\.[ \t]*/g, kind: 'newsletter' },
  { re: /\bTo catch [^\n.]{1,60} live online daily at [^\n]{1,20}? click here\.[ \t]*/g, kind: 'related' },
  { re: /\bClick here for [A-Z][\w.-]{1,30}\.(?=[ \t]*$)/gm, kind: 'related' },
  // Fox News: "More On This... Is Iran planning revenge strikes if US hits Syria?" (a related headline, on its line)
  { re: /(?<=^|\n)[ \t]*More On This\.\.\.[^\n]{0,200}/g, kind: 'related' },
  // A linked headline after "READ MORE WATCH" (Sputnik): title-case words up to the sentence that follows
  // ("READ MORE WATCH Russian Airstrikes Send Terrorists Fleeing in Syrias Hama In a separate operation …").
  {
    re: /\bREAD MORE:?(?:[ \t]+WATCH)?[ \t]+(?:(?:[A-Z][\w'’-]*|in|of|to|for|on|at|and|the|a|an|as|with|by|from)[ \t]+){1,16}?(?=(?:In|The|A|An|On|At|After|Meanwhile|Earlier|Later)[ \t]+[a-z])/g,
    kind: 'related',
  },
]

/** Whom a lead's figure counts: "Get short URL 0 85 12 Daesh terrorists were killed" keeps its "12". */
const COUNTED_RE =
  /^(?:[A-Z][\w-]*\s+)?(?:terrorists|militants|civilians|people|soldiers|fighters|children|troops|members|persons|servicemen|rebels|jihadists|killed|dead)\b/i

function inlineFurniture(body: string, add: Add): void {
  for (const { re, kind } of INLINE) {
    re.lastIndex = 0
    for (const m of body.matchAll(re)) {
      let end = m.index + m[0].length
      if (kind === 'share' && /Get\s+short\s+URL/.test(m[0])) {
        // Counters come before the lead; a last non-zero number that counts people is the lead's own figure.
        const last = /\s(\d[\d,.]*)[ \t]*$/.exec(m[0])
        if (
          last &&
          /\d\s+\d[\d,.]*\s+\d/.test(m[0]) &&
          Number(last[1]) > 0 &&
          COUNTED_RE.test(body.slice(end, end + 60))
        )
          end = m.index + last.index + 1
      }
      add(m.index, end, kind)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Captions: the sentence right before a photo credit. "… in Aleppo on July 1 2016. (AFP Photo) At least 16 …",
// "… Damascus August 21 2013. REUTERS/Bassam Khabieh We hope …", "… in Ariha August 3 2015(Reuters Photo) Thirty …",
// "… near the Syrian-Turkish border Syria April 18 2017 (File photo) (TRT World and Agencies) A bomb killed …".
// A caption ends with the date the photo was taken; a sentence that does not is news, and only the credit is marked.

const CREDIT_RE =
  /(?:\(File photo\)(?:[ \t]*\(TRT World(?: and Agencies)?\))?|\((?:AFP|Reuters|AA|DHA|IHA|AP) Photo\)|\(Photo (?:AFP|AP|Reuters)\)|\((?:AFP|Reuters|AP)\)|\bREUTERS\/[A-Z][\w'-]{1,20}(?:[ \t]+(?!(?:The|A|An|We|He|She|It|In|On|At|But|And|Syrian|Syria|U\.S\.)\b)[A-Z][\w'-]{1,20})?)(?:[ \t]*\((?:AFP|Reuters)\))?[ \t]*/g
/** The caption's own date at its end: "on July 21 2015.", "August 21 2013.", "on 5 October 2017" */
const CAPTION_DATE_RE = new RegExp(
  String.raw`(?:\b${MONTH}\s+\d{1,2},?\s+${YEAR}|\b\d{1,2}\s+${MONTH},?\s+${YEAR})\s*\.?\s*$`,
  'i',
)

function captions(body: string, add: Add): void {
  CREDIT_RE.lastIndex = 0
  for (const m of body.matchAll(CREDIT_RE)) {
    const creditStart = m.index
    const creditEnd = m.index + m[0].length
    // The sentence before the credit: back to the previous sentence end, the start of the line, or the dateline.
    const from = Math.max(0, creditStart - 400)
    const before = body.slice(from, creditStart)
    if (CAPTION_DATE_RE.test(before)) {
      // With no sentence before it, the caption starts the body (after its stamp).
      const stop =
        lastSentenceStart(before) ?? (from === 0 ? (OPENING_STAMP_RE.exec(before)?.[0].length ?? 0) : undefined)
      if (stop !== undefined) {
        add(from + stop, creditEnd, 'caption')
        continue
      }
    }
    add(creditStart, creditEnd, 'credit')
  }
}

/** Where the last sentence of `text` starts, or undefined when no sentence boundary is inside it. */
function lastSentenceStart(text: string): number | undefined {
  const trimmed = text.replace(/[\s.]+$/, '')
  let at: number | undefined
  // A sentence end: ". " / "? " / "! " / closing quote, then a capital or digit; or a line break.
  for (const m of trimmed.matchAll(/(?:[.?!]["”’)]?\s+|\n\s*)(?=["“(]?[A-Z0-9])/g)) {
    // "Thursday Oct. 27 2016": the full stop of a month's abbreviation before its day ends no sentence.
    if (
      /\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)$/.test(trimmed.slice(Math.max(0, m.index - 5), m.index)) &&
      /^\.\s+\d/.test(trimmed.slice(m.index))
    )
      continue
    at = m.index + m[0].length
  }
  return at
}

// ---------------------------------------------------------------------------------------------------------------
// Tag lists. Al-Araby: "<summary>. Tags Syria Idlib Bashar al-Assad SOHR al-Qaeda al-Nusra Syrian rebels launched a
// huge offensive …" (the lead follows the tags with no punctuation); Sputnik: "Tags shelling Damascus Community
// standardsDiscussion Comment via FacebookComment via Sputnik News" at the end.

/** Words a tag list never holds but a lead sentence does. */
const SENTENCE_WORDS = new Set(
  `was were is are be been being has have had will would could can may might did does do to at by with from after
before during into onto on in near since until when while who which that this these those its their his her they it he
she we as than but or not no also killed kill kills wounded injured said says say told reported according including
launched carried hit struck blew left died`.split(/\s+/),
)
/** Capitalised words that open a sentence, never a tag. */
const SENTENCE_OPENERS = new Set(
  `The A An At In On After Before During More Some Several Dozens Hundreds Thousands Many Nearly Almost About Around
Over Under Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Fifteen Twenty Thirty Forty Fifty This These
Regime Government Rebel Rebels Activists Syrians Russian Russia's Turkish Israeli Airstrikes Air Warplanes`.split(
    /\s+/,
  ),
)
const TAGS_RE = /(?:^|(?<=[.!?"”’)]\s{1,3}|\n))Tags[ \t]+(?=[A-Za-z])/g
const TAG_FOOTER_RE = /\bCommunity standardsDiscussion Comment via FacebookComment via Sputnik News[ \t]*/y
const MAX_TAG_WORDS = 25

const SPUTNIK_TAGS_RE =
  /\bTags[ \t]+[^\n.!?]{1,300}?Community standardsDiscussion Comment via FacebookComment via Sputnik News[ \t]*/g

function tagRuns(body: string, add: Add): void {
  SPUTNIK_TAGS_RE.lastIndex = 0
  for (const m of body.matchAll(SPUTNIK_TAGS_RE)) add(m.index, m.index + m[0].length, 'tags')
  TAGS_RE.lastIndex = 0
  for (const m of body.matchAll(TAGS_RE)) {
    const start = m.index
    const after = start + m[0].length
    const window = body.slice(after, after + 400)
    // Sputnik: the tags run to the comment footer.
    const footerAt = window.indexOf('Community standardsDiscussion')
    if (footerAt > 0) {
      TAG_FOOTER_RE.lastIndex = after + footerAt
      const f = TAG_FOOTER_RE.exec(body)
      if (f && !/[.!?]\s/.test(window.slice(0, footerAt))) {
        add(start, f.index + f[0].length, 'tags')
        continue
      }
    }
    const end = tagRunEnd(body, start, window)
    if (end !== undefined) add(start, after + end, 'tags')
  }
}

/** Where the tag list in `window` (the text after "Tags ") ends: the offset where the lead sentence starts. */
function tagRunEnd(body: string, tagsAt: number, window: string): number | undefined {
  const words = [...window.matchAll(/\S+/g)].slice(0, MAX_TAG_WORDS + 12)
  if (words.length < 2) return undefined
  // Best cue: the lead repeats the opening words of the summary that stands before "Tags".
  const summary = body.slice(Math.max(0, tagsAt - 600), tagsAt)
  const summaryStart =
    lastSentenceStart(summary.replace(/[\s.]+$/, '').replace(/[.!?]["”’]?$/, '')) ??
    (tagsAt <= 600 ? (OPENING_STAMP_RE.exec(summary)?.[0].length ?? 0) : 0)
  const opening = summary.slice(summaryStart).match(/^\S+\s+\S+\s+\S+/)?.[0]
  if (opening && /^[A-Z0-9]/.test(opening)) {
    const at = window.indexOf(opening)
    const wordsBefore = at > 0 ? window.slice(0, at).split(/\s+/).filter(Boolean).length : 0
    if (at > 0 && wordsBefore <= MAX_TAG_WORDS) return at
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const text = w[0]
    if (i >= MAX_TAG_WORDS) return undefined
    // "… civilian casualties sniper fire. An adult …": a full stop ends the list.
    if (i > 0 && /[a-z]\.$/.test(text) && /^[A-Z]/.test(words[i + 1]?.[0] ?? '')) return w.index + text.length + 1
    if (i > 0 && SENTENCE_OPENERS.has(text)) return w.index
    if (SENTENCE_WORDS.has(text)) {
      // The lead began before this word: back over its lower-case words and numbers to its capitalised first word.
      let j = i - 1
      while (j > 0 && /^(?:[a-z][\w'-]*|\d[\d,.]*)$/.test(words[j]![0])) j--
      if (j < 1 || !/^[A-Z0-9]/.test(words[j]![0])) return undefined
      return words[j]!.index
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Whole lines (AllSides keeps its line breaks): the line is nothing but furniture.

const LINE_RULES: Array<{ re: RegExp; kind: string }> = [
  { re: /^(?:Advertisement|ADVERTISEMENT)(?: Continue reading the main story)?$/, kind: 'advertisement' },
  {
    re: /^(?:Story Continued Below|Continue reading the main story|CLOSE|___+|\[pullquote\]|\[audio-clip\])$/,
    kind: 'navigation',
  },
  { re: /^(?:Photo|Video|Image|Play Video|Watch|Replay|More Videos?)$/, kind: 'caption' },
  {
    re: /^(?:Sign up for (?:our )?Daily (?:Opinion )?Newsletters?(?: Manage Newsletters)?|•? ?A daily (?:summary|roundup) of (?:global reports on )?(?:terrorism and )?security issues\.|\*\* Want FOX News First in your inbox every day\? Sign up here\. \*\*|Got a TIP from the RIGHT or LEFT\? Email \S+)$/,
    kind: 'newsletter',
  },
  {
    re: /^(?:More On This\.\.\.|READ MORE:?|Read More:?|RELATED:?|Related:?|Click for more from [^\n]{1,60}\.|CLICK HERE TO GET THE FOX NEWS APP|\(? ?PHOTOS?: [^\n]{1,120}\)?)$/,
    kind: 'related',
  },
  {
    re: /^(?:Copyright|©)[^\n]{0,200}$/,
    kind: 'copyright',
  },
  {
    re: /^(?:Follow @\w{1,30}(?: on Twitter\.?)?(?: Follow @\w{1,30})*|Follow us on (?:Twitter|Facebook|Instagram)[^\n]{0,60})$/,
    kind: 'social',
  },
  {
    re: /^(?:(?:The )?Associated Press(?: writers?[^\n]{0,120})? contributed to this report\.|Contributing: [^\n]{1,120}|[^\n]{1,120} contributed to this report\.|This article is based in part on wire service reports\.|• This article is based in part on wire service reports\.)$/,
    kind: 'credit',
  },
  // CNN's video strip: "JUST WATCHED Rage erupts in Beirut Replay More Videos ... MUST WATCH Rage erupts in Beirut 02:48"
  {
    re: /^(?:JUST WATCHED [^\n]{1,200}? Replay More Videos \.\.\. )?MUST WATCH [^\n]{1,200} \d{1,2}:\d{2}$/,
    kind: 'video',
  },
  // BBC: "Image copyright Digital Globe", "Image caption Thousands of Syrian refugees …" on a line of their own
  { re: /^Image (?:copyright|caption) [^\n]{1,250}$/, kind: 'caption' },
  // A photo credit on a line of its own: "AFP/Getty Images", "Photo: Drew Angerer/Getty Images"
  {
    re: /^(?:Photo(?:graph)?: )?(?:[A-Z][\w.' -]{0,40}\/){1,3}(?:Getty Images|Getty|AP|AFP|Reuters|EPA|NPR)$/,
    kind: 'credit',
  },
  // Newsletter and promo lines: "Daily politics news delivered to your inbox: sign up for our newsletter", "Get our
  // weekly newsletter Sign up for CNN Opinion's new newsletter. Join us on Twitter and Facebook", "Watch State of the
  // Union with Candy Crowley Sundays at 9am ET. For the latest from State of the Union click here."
  {
    re: /^(?=[^\n]*(?:\bsign up for (?:our |the )?(?:[\w'’-]+ ){0,3}newsletters?\b|\bnewsletter sign up\b|\bBy signing up you agree\b))[^\n]{1,250}$/i,
    kind: 'newsletter',
  },
  {
    re: /^(?:Click here for [^\n]{1,80}|CLICK HERE [^\n]{1,80}|[^\n]{0,120}\bFor the latest from [^\n]{1,60} click here\.)$/,
    kind: 'related',
  },
  {
    re: /^(?:\d{1,2} (?:minutes?|hours?|days?|months?|years?) ago|Please verify you(?:'|’)re not a robot[^\n]{0,80})$/,
    kind: 'navigation',
  },
]

function lineFurniture(body: string, add: Add): void {
  if (!body.includes('\n')) return
  let from = 0
  while (from <= body.length) {
    let to = body.indexOf('\n', from)
    if (to < 0) to = body.length
    // Only short lines can be furniture; a long line is read no further.
    if (to - from <= 260) {
      const raw = body.slice(from, to)
      const line = raw.trim()
      if (line) {
        const lead = raw.length - raw.trimStart().length
        for (const { re, kind } of LINE_RULES) {
          if (re.test(line)) {
            add(from + lead, from + lead + line.length, kind)
            break
          }
        }
      }
    }
    from = to + 1
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The end of the body: TRT World's related list and site menu, "Read Also", SANA's and Press TV's desk codes and
// editors' names after the last sentence ("… properties. Manar al-Freih / Hazem Sabbagh", "… reported. SSH 11").

const TAIL_FROM_RE =
  /(?:\bRelated News\b|\bRead Also$|\bA picture is worth a thousand words\. Follow us on Instagram\.|\bFOLLOW TRTWORLD\b)/g
const AGENCIES_LINE_RE = /\bSource:? TRT ?World and agencies\b[ \t]*/g
const SOURCE_TWITTER_RE = /\(Source: [^()\n]{1,60}\)(?:[ \t]+Twitter)?[ \t]*$/
/** After the last full stop: nothing but capitalised names, slashes, desk codes ("218-11", "SSH 11"). */
const TRAILING_NAMES_RE =
  /(?<=[.!?"”][ \t]{1,3})(?:English [Bb]ulletin|(?:[A-Z][\w'-]{1,20}|al-[A-Z][\w'-]{1,20}|[A-Z]{2,5} \d{1,3}|\d{2,3}-\d{1,3})(?:[ \t]*\/[ \t]*|[ \t]+)?){1,8}$/

function trailingFurniture(body: string, add: Add): void {
  const tailFrom = Math.max(0, body.length - 6000)
  const tail = body.slice(tailFrom)
  TAIL_FROM_RE.lastIndex = 0
  const t = TAIL_FROM_RE.exec(tail)
  // TRT's related list and menu run to the end; they end with the site's footer.
  if (t && (/\bCookie Policy\s*$/.test(tail) || /Read Also$/.test(t[0]))) {
    add(tailFrom + t.index, body.length, 'related')
  }
  AGENCIES_LINE_RE.lastIndex = 0
  for (const m of tail.matchAll(AGENCIES_LINE_RE)) add(tailFrom + m.index, tailFrom + m.index + m[0].length, 'credit')
  const end = body.trimEnd()
  const lastBit = end.slice(-120)
  const src = SOURCE_TWITTER_RE.exec(lastBit)
  if (src) add(end.length - lastBit.length + src.index, end.length, 'credit')
  const names = TRAILING_NAMES_RE.exec(lastBit)
  if (names && !SENTENCE_WORDS.has(names[0].split(/\s+/)[0]!.toLowerCase())) {
    add(end.length - lastBit.length + names.index, end.length, 'byline')
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The Hill's hover cards pasted into sentences: "President Trump Donald John TrumpFederal judge halts … MORE said".

const HOVER_RE =
  /\b([A-Z][\w'-]{1,25})[ \t]+((?:\(?[A-Z][\w.'()"-]{0,25}[ \t]+){1,3}?\1(?=[A-Z])[^\n]{10,600}? MORE\b)[ \t]*/g

function hoverCards(body: string, add: Add): void {
  if (!body.includes(' MORE')) return
  HOVER_RE.lastIndex = 0
  // The card (full name glued to its first headline, then " MORE") follows the visible name with the same surname.
  for (const m of body.matchAll(HOVER_RE))
    add(
      m.index + m[0].length - m[2]!.length - (m[0].length - m[0].trimEnd().length),
      m.index + m[0].length,
      'hovercard',
    )
}

// ---------------------------------------------------------------------------------------------------------------

/** Sorted, overlapping spans merged (the earlier span's kind wins), each extended over the spaces after it. */
function settle(body: string, spans: ClutterSpan[]): ClutterSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: ClutterSpan[] = []
  for (const s of spans) {
    let end = s.end
    while (end < body.length && (body[end] === ' ' || body[end] === '\t')) end++
    const last = out[out.length - 1]
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, end)
      continue
    }
    out.push({ start: s.start, end, kind: s.kind })
  }
  return out
}
