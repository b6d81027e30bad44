// Sentence splitting, so that an answer can quote whole sentences with their exact offsets in the article.
// Linear in the length of the text: the segmenter walks bounded windows, each break is checked on a few characters,
// and no sentence grows beyond MAX_SENTENCE_CHARS.

export interface Span {
  start: number
  end: number
}

/**
 * The longest passage a sentence can make, in UTF-16 code units. A longer "sentence" (a list or a table without a full
 * stop, a body that is one unbroken word) is cut at the last whitespace before this many characters, or right there
 * when there is none. Every later step of indexing a passage (terms, entities, chrono's dates, figures) then sees
 * bounded text, so an article is indexed in time linear in its length, and a passage's number of terms always fits
 * the index's u16 `length` field. Real sentences stay whole: the longest in FA-KES, the seeds and AllSides is 2,271
 * characters (one of 35,000; 99.9% are under 520).
 */
export const MAX_SENTENCE_CHARS = 4000

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

/**
 * The segmenter is run on windows of at most this many characters: each step of V8's segment iterator costs time that
 * grows with the length of the string it walks, steeply past ~130,000 characters (Node 20: a 1 MB article took 70 s
 * to split, 2 MB over 5 minutes), so walking one long string is quadratic. Smaller windows make each step cheaper
 * but find more breaks twice (see WINDOW_LOOKAHEAD).
 */
export const SEGMENT_WINDOW = 4096
/**
 * ICU decides a break by looking ahead of it; a break found this close to the end of a window (which is not the end of
 * the text) may be an artefact of that end, so the window's last segments are found again by the next window, which
 * starts at the last break trusted. Starting there gives the same breaks as walking on: ICU starts afresh at each break.
 */
const WINDOW_LOOKAHEAD = 1024

// ICU breaks after "U.S." or "Col." before a capital; such a break is not the end of a sentence.
// Tested on the last characters of a segment only (trailing whitespace removed): see endsWithAbbreviation.
const ABBREVIATION_END_RE =
  /(?:^|[\s(])(?:U\.S|U\.N|U\.K|U\.S\.A|E\.U|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Gov|Sen|Rep|St|Mt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|vs|i\.e|e\.g|[A-Z])\.$/
/** More than the longest abbreviation with its dot ("U.S.A.", 6) and the character before it. */
const ABBREVIATION_TAIL = 12

const SPACE_RE = /\s/
const WORD_CHAR_RE = /[\p{L}\p{N}]/u

const isSpace = (text: string, i: number): boolean => SPACE_RE.test(text[i]!)

/** Sentences of a text as trimmed spans, in order and without overlap; whitespace-only pieces are dropped. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = []
  let pending: number | undefined
  forEachSegment(text, (segmentStart, start, end, isBreak) => {
    pending ??= start
    if (!isBreak) return
    // A break inside one line after an abbreviation is not a sentence end; a line break always is.
    if (end < text.length && endsWithAbbreviation(text, segmentStart, end)) return
    pushCapped(text, pending, end, spans)
    pending = undefined
  })
  if (pending !== undefined) pushCapped(text, pending, text.length, spans)
  return spans
}

/**
 * Calls `visit` with the segmenter's segments of `text`, in order, covering it: (start of the segment, start and end
 * of the piece, whether the segmenter breaks at its end). A segment longer than a window comes in several pieces, all
 * but the last with isBreak false.
 */
function forEachSegment(
  text: string,
  visit: (segmentStart: number, start: number, end: number, isBreak: boolean) => void,
): void {
  let from = 0
  /** Start of a segment cut at the end of the previous window. */
  let open: number | undefined
  while (from < text.length) {
    const to = Math.min(text.length, from + SEGMENT_WINDOW)
    const trusted = to === text.length ? to : to - WINDOW_LOOKAHEAD
    let next = from
    for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
      const end = from + index + segment.length
      if (end > trusted) break
      visit(open ?? from + index, from + index, end, true)
      open = undefined
      next = end
    }
    if (next === from) {
      // No break in the window: one very long segment. Go on inside it, between two letters or digits, where ICU
      // cannot break and where what it decides next does not depend on what came before.
      let cut = trusted
      while (cut > from && !(WORD_CHAR_RE.test(text[cut - 1]!) && WORD_CHAR_RE.test(text[cut]!))) cut--
      if (cut === from) cut = trusted
      open ??= from
      visit(open, from, cut, false)
      next = cut
    }
    from = next
  }
}

/** Whether the segment [segmentStart, end) ends in an abbreviation, with no line break after it. */
function endsWithAbbreviation(text: string, segmentStart: number, end: number): boolean {
  let e = end
  while (e > segmentStart && isSpace(text, e - 1)) {
    if (text[e - 1] === '\n') return false
    e--
  }
  return ABBREVIATION_END_RE.test(text.slice(Math.max(segmentStart, e - ABBREVIATION_TAIL), e))
}

/** Pushes [start, end) trimmed, cut into pieces of at most MAX_SENTENCE_CHARS. */
function pushCapped(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isSpace(text, start)) start++
  while (end > start && isSpace(text, end - 1)) end--
  while (end - start > MAX_SENTENCE_CHARS) {
    // The last whitespace at most MAX_SENTENCE_CHARS after the start ends the piece; none: a hard cut, never inside a
    // surrogate pair.
    let cut = start + MAX_SENTENCE_CHARS
    while (cut > start && !isSpace(text, cut)) cut--
    if (cut === start) {
      cut = start + MAX_SENTENCE_CHARS
      if (isHighSurrogate(text.charCodeAt(cut - 1)) && isLowSurrogate(text.charCodeAt(cut))) cut--
    }
    pushTrimmed(text, start, cut, out)
    start = cut
    while (start < end && isSpace(text, start)) start++
  }
  pushTrimmed(text, start, end, out)
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isSpace(text, start)) start++
  while (end > start && isSpace(text, end - 1)) end--
  if (end > start && WORD_CHAR_RE.test(text.slice(start, end))) out.push({ start, end })
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff
