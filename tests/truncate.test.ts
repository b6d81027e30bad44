import { rng } from './helpers.js'
import { describe, expect, it } from 'vitest'
import { embedLength, LIMITS, truncate } from '../src/limits.js'

const ELLIPSIS = '…'

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** True when every surrogate in `s` is half of a well-formed pair. */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (isHighSurrogate(c)) {
      if (!isLowSurrogate(s.charCodeAt(i + 1))) return false
      i++
    } else if (isLowSurrogate(c)) return false
  }
  return true
}

const PIECES = [
  'a',
  'b',
  'Raqqa',
  'ISIS',
  ' ',
  ' ',
  '  ',
  '\n',
  ',',
  '.',
  '-',
  '😀',
  '🇸🇾',
  '👨‍👩‍👧',
  'é',
  'Ḥ',
  '…',
  '\t',
  'word',
  '300,000',
]

function randomText(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces)
  let s = ''
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!
  return s
}

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('Raqqa', 5)).toBe('Raqqa')
    expect(truncate('Raqqa', 100)).toBe('Raqqa')
    expect(truncate('', 10)).toBe('')
    expect(truncate('  spaces kept  ', 15)).toBe('  spaces kept  ')
    expect(truncate('😀😀', 4)).toBe('😀😀')
  })

  it('ends with "…" when it cuts, within the limit', () => {
    const out = truncate('The battle for the city has been brutal for the civilians there.', 30)
    expect(out.endsWith(ELLIPSIS)).toBe(true)
    expect(out.length).toBeLessThanOrEqual(30)
    expect(out).toBe('The battle for the city has…')
  })

  it('cuts at a word boundary when one is in the last fifth', () => {
    // max 40: 39 characters before the ellipsis end inside "hhhhhhhh"; the space before it (at 34) is in the last fifth.
    const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhhhhhh iiii jjjj'
    const out = truncate(text, 40)
    expect(out).toBe('aaaa bbbb cccc dddd eeee ffff gggg…')
    expect(out.length).toBeLessThanOrEqual(40)
  })

  it('keeps a word that ends exactly where the cut falls', () => {
    // max 40: the 39 characters before the ellipsis end with the whole word "hhhh" (a space follows it).
    const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj'
    expect(truncate(text, 40)).toBe('aaaa bbbb cccc dddd eeee ffff gggg hhhh…')
  })

  it('cuts inside a word when no boundary is in the last fifth', () => {
    const text = 'short ' + 'x'.repeat(100)
    const out = truncate(text, 50)
    expect(out).toBe('short ' + 'x'.repeat(43) + ELLIPSIS)
    expect(out.length).toBe(50)
  })

  it('drops trailing spaces and punctuation before the ellipsis', () => {
    expect(truncate('Aleppo, Idlib, Hama, Homs and Raqqa', 15)).toBe('Aleppo, Idlib…')
  })

  it('never leaves a lone high surrogate before the ellipsis', () => {
    const text = 'x'.repeat(8) + '😀😀😀😀😀'
    for (let max = 1; max < text.length; max++) {
      const out = truncate(text, max)
      expect(out.length, `max ${max}`).toBeLessThanOrEqual(max)
      expect(wellFormed(out), `max ${max}: ${JSON.stringify(out)}`).toBe(true)
      expect(out.endsWith(ELLIPSIS)).toBe(true)
    }
  })

  it('handles max 0 and 1', () => {
    expect(truncate('Raqqa', 0)).toBe('')
    expect(truncate('', 0)).toBe('')
    expect(truncate('Raqqa', 1)).toBe(ELLIPSIS)
    expect(truncate('R', 1)).toBe('R')
    expect(truncate('Raqqa', -5)).toBe('')
  })

  it('stays within the limit, well formed and marked, for 2000 random texts and limits', () => {
    const next = rng(20170704)
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next, 120)
      const max = Math.floor(next() * (text.length + 10))
      const out = truncate(text, max)
      const label = `#${i} max ${max} ${JSON.stringify(text)} → ${JSON.stringify(out)}`
      expect(out.length, label).toBeLessThanOrEqual(Math.max(0, max))
      if (text.length <= max) {
        expect(out, label).toBe(text)
        continue
      }
      if (max === 0) {
        expect(out, label).toBe('')
        continue
      }
      expect(out.endsWith(ELLIPSIS), label).toBe(true)
      expect(wellFormed(out), label).toBe(true)
      // What is kept is the start of the text.
      expect(text.startsWith(out.slice(0, -1)), label).toBe(true)
    }
  })

  it('fits the Discord limits it is used with', () => {
    const long = 'word '.repeat(2000)
    for (const max of [
      LIMITS.content,
      LIMITS.embedDescription,
      LIMITS.fieldValue,
      LIMITS.embedTitle,
      LIMITS.choiceName,
    ]) {
      const out = truncate(long, max)
      expect(out.length).toBeLessThanOrEqual(max)
      expect(out.length).toBeGreaterThanOrEqual(Math.floor(max * 0.8) - 1)
    }
  })
})

describe('embedLength', () => {
  it('sums title, description, field names and values, footer and author name', () => {
    expect(
      embedLength({
        title: 'Title',
        description: 'Description',
        fields: [
          { name: 'When', value: '2017-07-04' },
          { name: 'Who', value: 'SDF' },
        ],
        footer: { text: 'BBC' },
        author: { name: 'Bot' },
      }),
    ).toBe(5 + 11 + 4 + 10 + 3 + 3 + 3 + 3)
  })

  it('counts missing parts as zero and characters as UTF-16 units', () => {
    expect(embedLength({})).toBe(0)
    expect(embedLength({ fields: [] })).toBe(0)
    expect(embedLength({ description: '😀' })).toBe(2)
    expect(embedLength({ footer: { text: '' }, author: { name: 'Ḥalab' } })).toBe('Ḥalab'.length)
  })
})
