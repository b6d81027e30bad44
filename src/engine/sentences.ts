// Sentence splitting, so that an answer can quote whole sentences with their exact offsets in the article.

export interface Span {
  start: number
  end: number
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

// ICU breaks after "U.S." or "Col." before a capital; such a break is not the end of a sentence.
const ABBREVIATION_END_RE =
  /(?:^|[\s(])(?:U\.S|U\.N|U\.K|U\.S\.A|E\.U|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Gov|Sen|Rep|St|Mt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|vs|i\.e|e\.g|[A-Z])\.\s*$/

/** Sentences of a text as trimmed spans; whitespace-only pieces are dropped. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = []
  let pending: Span | undefined
  for (const { segment, index } of segmenter.segment(text)) {
    const start = index
    const end = index + segment.length
    pending = pending ? { start: pending.start, end } : { start, end }
    // A break inside one line after an abbreviation is not a sentence end; a line break always is.
    if (ABBREVIATION_END_RE.test(segment) && !/\n\s*$/.test(segment) && end < text.length) continue
    pushTrimmed(text, pending, spans)
    pending = undefined
  }
  if (pending) pushTrimmed(text, pending, spans)
  return spans
}

function pushTrimmed(text: string, span: Span, out: Span[]): void {
  let { start, end } = span
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end })
}
