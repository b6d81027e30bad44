// Answers as text for a terminal: the value, the quote with the question's terms in bold (ANSI, on a terminal),
// and where it came from.

import type { Answer, AnswerResult, Command } from '../engine/types.js'
import { attributionLine, figuresSideBySide, valueHeadline } from './format.js'

export interface TextOptions {
  /** ANSI bold for the question's terms. */
  color?: boolean
}

export function renderText<C extends Command>(result: AnswerResult<C>, options: TextOptions = {}): string {
  const lines = [`/${result.command} ${result.query}`]
  if (result.answers.length === 0) {
    lines.push('', `No answer. ${result.reason}`)
    return lines.join('\n')
  }
  if (result.command === 'casualties') {
    const differ = figuresSideBySide(result.answers as Array<Answer<'casualties'>>)
    if (differ) lines.push('', `Figures differ between outlets: ${differ}`)
  }
  result.answers.forEach((a, i) => {
    const headline = valueHeadline(result.command, a.value)
    lines.push('', `${i + 1}. ${headline || (a.headline ? 'Headline' : 'Passage')}`)
    lines.push(`   “${emphasise(a.quote, a.highlights, options.color === true)}”`)
    lines.push(`   — ${attributionLine(a.article)}${a.headline ? ' (headline)' : ''}`)
    if (a.article.url) lines.push(`     ${a.article.url}`)
    if (a.alsoIn.length > 0) lines.push(`     also, word for word: ${a.alsoIn.map(attributionLine).join('; ')}`)
  })
  return lines.join('\n')
}

function emphasise(quote: string, highlights: Array<[number, number]>, color: boolean): string {
  // One line per quote; replacing line breaks keeps every offset of the highlights.
  const flat = quote.replace(/[\r\n]/g, ' ')
  if (!color) return flat
  let out = ''
  let at = 0
  for (const [s, e] of highlights) {
    out += flat.slice(at, s) + `\x1b[1m${flat.slice(s, e)}\x1b[22m`
    at = e
  }
  return out + flat.slice(at)
}
