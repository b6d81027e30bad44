// Sentence splitting: the sentences of news text as before, spans that slice the text exactly, in order and bounded,
// and work linear in the length of the text (counted, never timed).

import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { MAX_SENTENCE_CHARS, SEGMENT_WINDOW, splitSentences, type Span } from '../src/engine/text/sentences.js'
import { buildIndex } from '../src/engine/index/build.js'
import type { Article } from '../src/engine/types.js'
import { rng } from './helpers.js'

/** splitSentences as it was before windows and the cap: quadratic on long texts, the same sentences on short ones. */
function reference(text: string): Span[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })
  const abbreviation =
    /(?:^|[\s(])(?:U\.S|U\.N|U\.K|U\.S\.A|E\.U|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Gov|Sen|Rep|St|Mt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|vs|i\.e|e\.g|[A-Z])\.\s*$/
  const spans: Span[] = []
  const push = ({ start, end }: Span) => {
    while (start < end && /\s/.test(text[start]!)) start++
    while (end > start && /\s/.test(text[end - 1]!)) end--
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) spans.push({ start, end })
  }
  let pending: Span | undefined
  for (const { segment, index } of segmenter.segment(text)) {
    const end = index + segment.length
    pending = pending ? { start: pending.start, end } : { start: index, end }
    if (abbreviation.test(segment) && !/\n\s*$/.test(segment) && end < text.length) continue
    push(pending)
    pending = undefined
  }
  if (pending) push(pending)
  return spans
}

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end))

const NEWS = [
  'At least 173 people were killed in an air strike on the town of Khan Sheikhoun on Tuesday, the Syrian Observatory said.',
  'The U.S. military said coalition jets struck ISIS positions near Raqqa overnight.',
  'Col. John Dorrian, a spokesman for the U.S.-led coalition, told reporters the strikes targeted fighters.',
  "Mr. Assad's government denied using chemical weapons in the attack.",
  'The U.N. envoy called for an immediate ceasefire (U.S. officials agreed) on Friday.',
  'Gen. Joseph Votel visited troops in northern Syria on 16 April 2017.',
  'Was it No. 5 on the list? Nobody knows!',
  'Turkish shelling wounded 12 Kurdish fighters near Afrin, e.g. in Jandairis, the YPG said.',
]

/** Realistic news text of about `size` characters: varied sentences, abbreviations, line breaks and paragraphs. */
function news(size: number, seed = 1): string {
  const random = rng(seed)
  let text = ''
  while (text.length < size) {
    text += NEWS[Math.floor(random() * NEWS.length)]!
    const r = random()
    text += r < 0.1 ? '\n\n' : r < 0.2 ? '\n' : ' '
  }
  return text
}

/** The invariants every result keeps: exact trimmed slices, in order, no overlap, bounded, nothing with a letter left out. */
function expectWellFormed(text: string, spans: Span[]): void {
  let previousEnd = 0
  for (const { start, end } of spans) {
    expect(start).toBeGreaterThanOrEqual(previousEnd)
    expect(end).toBeGreaterThan(start)
    expect(end - start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS)
    const sentence = text.slice(start, end)
    expect(sentence).toBe(sentence.trim())
    expect(sentence).toMatch(/[\p{L}\p{N}]/u)
    // What lies between two spans holds no letter or digit: every word of the text is in a sentence.
    expect(text.slice(previousEnd, start)).not.toMatch(/[\p{L}\p{N}]/u)
    previousEnd = end
  }
  expect(text.slice(previousEnd)).not.toMatch(/[\p{L}\p{N}]/u)
}

describe('splitSentences on news text', () => {
  it('does not end a sentence after an abbreviation, inside a line', () => {
    expect(
      sentencesOf('The U.S. military said Col. John Dorrian spoke to reporters. Another sentence follows.'),
    ).toEqual(['The U.S. military said Col. John Dorrian spoke to reporters.', 'Another sentence follows.'])
    expect(
      sentencesOf('Mr. Assad met Gen. Smith in Damascus. The U.N. envoy, Staffan de Mistura, called for talks.'),
    ).toEqual(['Mr. Assad met Gen. Smith in Damascus.', 'The U.N. envoy, Staffan de Mistura, called for talks.'])
    expect(sentencesOf('Troops advanced (U.S. officials said) on Raqqa. Fighting continued.')).toEqual([
      'Troops advanced (U.S. officials said) on Raqqa.',
      'Fighting continued.',
    ])
    expect(sentencesOf('It was No. 5 on the list. Then came e.g. Aleppo.')).toEqual([
      'It was No. 5 on the list.',
      'Then came e.g. Aleppo.',
    ])
    // An abbreviation at the very start of a segment counts too.
    expect(sentencesOf('Really?No. Yes.')).toEqual(['Really?', 'No. Yes.'])
    expect(sentencesOf('Ends with an abbreviation, Col.')).toEqual(['Ends with an abbreviation, Col.'])
  })

  it('ends a sentence at a line break, even after an abbreviation or without a full stop', () => {
    expect(sentencesOf('A headline without a stop\nThe first sentence. The second one.\n\nA new paragraph.')).toEqual([
      'A headline without a stop',
      'The first sentence.',
      'The second one.',
      'A new paragraph.',
    ])
    expect(sentencesOf('He was promoted to Col.\nThe next line is a new sentence.')).toEqual([
      'He was promoted to Col.',
      'The next line is a new sentence.',
    ])
  })

  it('trims the spans and drops pieces without a letter or a digit', () => {
    expect(sentencesOf('  Leading spaces. Trailing spaces.   ')).toEqual(['Leading spaces.', 'Trailing spaces.'])
    expect(sentencesOf('... \n --- \n Real text.')).toEqual(['Real text.'])
    expect(splitSentences('')).toEqual([])
    expect(splitSentences(' \n\t ')).toEqual([])
  })

  it('gives offsets that slice the original text exactly', () => {
    // The text is built sentence by sentence, recording where each one was put.
    const random = rng(3)
    let text = ''
    const expected: Span[] = []
    while (text.length < 20_000) {
      for (const sentence of NEWS[Math.floor(random() * NEWS.length)]!.split(/(?<=\?) /)) {
        if (!text.endsWith('\n') && text !== '') text += ' '
        expected.push({ start: text.length, end: text.length + sentence.length })
        text += sentence
      }
      text += random() < 0.2 ? '\n' : ''
    }
    const spans = splitSentences(text)
    expect(spans).toEqual(expected)
    expectWellFormed(text, spans)
  })

  it('splits a text of several windows exactly as the whole text split at once', () => {
    const text = news(5 * SEGMENT_WINDOW, 7)
    expect(splitSentences(text)).toEqual(reference(text))
  })

  it('agrees with the plain segmenter on random texts of news words, stops, abbreviations and line breaks', () => {
    const token = fc.constantFrom(
      'The',
      'U.S.',
      'U.S.A.',
      'Col.',
      'Gen.',
      'No.',
      'e.g.',
      'i.e.',
      'A.',
      'St.',
      'killed',
      '12',
      '1.5',
      'Aleppo',
      'al-Bab',
      'Syria’s',
      '.',
      '?',
      '!',
      '...',
      ' ',
      ' ',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\r\n',
      '(',
      ')',
      '"',
      '“',
      '”',
      'said.',
      'Really?',
      'no.',
      'ISIS',
      '—',
      'حلب',
      '\t',
      'x'.repeat(40),
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 120 }), (tokens) => {
        const text = tokens.join(tokens.length % 2 === 0 ? ' ' : '')
        const spans = splitSentences(text)
        expect(spans).toEqual(reference(text))
        expectWellFormed(text, spans)
      }),
      { numRuns: 300 },
    )
  })
})

describe('splitSentences on long and odd text', () => {
  it('cuts a long text without full stops into spans of at most MAX_SENTENCE_CHARS, at whitespace', () => {
    const text = news(30_000).replace(/[.!?\n]/g, ' ')
    const spans = splitSentences(text)
    expect(spans.length).toBeGreaterThanOrEqual(Math.ceil(text.trim().length / MAX_SENTENCE_CHARS))
    expectWellFormed(text, spans)
    for (const s of spans.slice(0, -1)) {
      // Each piece ends at a word's end: the cut was at the last whitespace before the cap.
      expect(text[s.end]).toMatch(/\s/)
      expect(s.end - s.start).toBeGreaterThan(MAX_SENTENCE_CHARS - 50)
    }
  })

  it('cuts one unbroken word of 10,000 characters hard, at the cap', () => {
    const text = 'a'.repeat(10_000)
    expect(splitSentences(text)).toEqual([
      { start: 0, end: MAX_SENTENCE_CHARS },
      { start: MAX_SENTENCE_CHARS, end: 2 * MAX_SENTENCE_CHARS },
      { start: 2 * MAX_SENTENCE_CHARS, end: 10_000 },
    ])
  })

  it('never cuts inside a surrogate pair', () => {
    const text = 'a' + '𝐀'.repeat(6_000) // mathematical bold A: a letter outside the BMP, two code units each
    const spans = splitSentences(text)
    expectWellFormed(text, spans)
    expect(spans.length).toBeGreaterThan(2)
    for (const s of spans) {
      expect(text.charCodeAt(s.start)).not.toSatisfy((c: number) => c >= 0xdc00 && c <= 0xdfff)
      expect(text.charCodeAt(s.end - 1)).not.toSatisfy((c: number) => c >= 0xd800 && c <= 0xdbff)
    }
  })

  it('keeps the sentences around a run longer than a window', () => {
    const text = `First sentence here. ${'Word '.repeat(3 * SEGMENT_WINDOW)}end. Last sentence. The end.`
    const sentences = sentencesOf(text)
    expect(sentences[0]).toBe('First sentence here.')
    expect(sentences.slice(-2)).toEqual(['Last sentence.', 'The end.'])
    expectWellFormed(text, splitSentences(text))
  })

  it('keeps an article of an unbroken word indexable: bounded passages in order', () => {
    const article: Article = {
      id: 'long',
      title: 'A title',
      source: 'test',
      date: '2017-04-16',
      url: '',
      body: 'x'.repeat(20_000),
      location: '',
      credit: '',
    }
    const index = buildIndex([article], { fingerprint: 'test' })
    const { passages } = index
    expect(passages.count).toBe(1 + Math.ceil(20_000 / MAX_SENTENCE_CHARS))
    for (let p = 1; p < passages.count; p++) {
      expect(passages.position[p]).toBe(p)
      expect(passages.end[p]! - passages.start[p]!).toBeLessThanOrEqual(MAX_SENTENCE_CHARS)
      // In the order of the body: each passage starts where the one before it ended, the first at the start.
      expect(passages.start[p]).toBe(p === 1 ? 0 : passages.end[p - 1])
    }
    expect(passages.end[passages.count - 1]).toBe(20_000)
  })
})

describe('splitSentences does work linear in the length of the text', () => {
  /** What splitting `text` hands the segmenter and the regular expressions, in characters. */
  function workOf(text: string) {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment')
    const test = vi.spyOn(RegExp.prototype, 'test')
    let spans: Span[]
    let segmented: number[]
    let tested: number[]
    try {
      spans = splitSentences(text)
      segmented = segment.mock.calls.map(([s]) => s.length)
      tested = test.mock.calls.map(([s]) => s.length)
    } finally {
      segment.mockRestore()
      test.mockRestore()
    }
    return {
      spans: spans.length,
      segmented: segmented.reduce((a, b) => a + b, 0),
      largestSegmented: segmented.reduce((a, b) => Math.max(a, b), 0),
      tested: tested.reduce((a, b) => a + b, 0),
      largestTested: tested.reduce((a, b) => Math.max(a, b), 0),
    }
  }

  const texts: Record<string, (size: number) => string> = {
    news: (size) => news(size),
    'news without full stops': (size) => news(size).replace(/[.!?]/g, ''),
    'one line without full stops': (size) => news(size).replace(/[.!?\n]/g, ' '),
    'one unbroken word': (size) => 'a'.repeat(size),
    'initials only': (size) => 'A. B. C. D. '.repeat(Math.ceil(size / 12)).slice(0, size),
  }

  for (const [name, make] of Object.entries(texts)) {
    it(name, () => {
      const small = workOf(make(25_000))
      const large = workOf(make(100_000))
      for (const [work, size] of [
        [small, 25_000],
        [large, 100_000],
      ] as const) {
        // The segmenter never sees more than a window at once (a step of its iterator costs in the length of what it
        // walks), and sees each character little more than once.
        expect(work.largestSegmented).toBeLessThanOrEqual(SEGMENT_WINDOW)
        expect(work.segmented).toBeLessThanOrEqual(1.5 * size)
        // Regular expressions see bounded pieces, each character a bounded number of times.
        expect(work.largestTested).toBeLessThanOrEqual(MAX_SENTENCE_CHARS)
        expect(work.tested).toBeLessThanOrEqual(4 * size)
      }
      // Four times the text, about four times the work and the sentences.
      expect(large.segmented / small.segmented).toBeLessThan(4.4)
      expect(large.tested / small.tested).toBeLessThan(4.4)
      expect(large.spans / Math.max(1, small.spans)).toBeLessThan(4.4)
    })
  }
})
