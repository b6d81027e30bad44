// The eval judge follows ../shared/eval/README.md, for the headline set and for natural-dev's "any of" gold.

import { describe, expect, it } from 'vitest'
import { judge, type EvalQuestion } from '../src/cli/eval.js'
import type { Answer } from '../src/engine/types.js'

const answerWith = (value: Record<string, unknown>) => ({ value }) as unknown as Answer
const q = (command: string, gold: EvalQuestion['gold']): EvalQuestion => ({ kind: 'natural', command, query: '', gold })

describe('natural-dev gold', () => {
  it('casualties: any reported toll of the event', () => {
    expect(judge(q('casualties', { count_any: [30, 31, 43] }), answerWith({ count: 31 }))).toBe(true)
    expect(judge(q('casualties', { count_any: [30, 31, 43] }), answerWith({ count: 359 }))).toBe(false)
  })

  it('when: the day, or a month entry that the date starts with', () => {
    expect(judge(q('when', { date_any: ['2015-02-05'] }), answerWith({ date: '2015-02-05' }))).toBe(true)
    expect(judge(q('when', { date_any: ['2015-02-05'] }), answerWith({ date: '2015-02-06' }))).toBe(false)
    expect(judge(q('when', { date_any: ['2015-02'] }), answerWith({ date: '2015-02-17' }))).toBe(true)
  })

  it('who and where: substrings of the names joined; short terms only as words; hyphens as spaces in places', () => {
    expect(judge(q('who', { actor_any: ['ryan dillon'] }), answerWith({ actors: ['Col. Ryan Dillon'] }))).toBe(true)
    expect(judge(q('who', { actor_any: ['is'] }), answerWith({ actors: ['Syrian government forces'] }))).toBe(false)
    expect(judge(q('who', { actor_any: ['is'] }), answerWith({ actors: ['IS', 'Kurds'] }))).toBe(true)
    expect(judge(q('where', { place_any: ['deir ez zor'] }), answerWith({ places: ['Qusour', 'Deir ez-Zor'] }))).toBe(
      true,
    )
    expect(judge(q('where', { place_any: ['sarrin'] }), answerWith({ places: ['Aleppo'] }))).toBe(false)
  })
})

describe('headline-set gold', () => {
  it('when: on the day or up to days_before before it', () => {
    const when = { kind: 'fakes', command: 'when', query: '', gold: { date: '2017-07-04', days_before: 2 } }
    expect(judge(when, answerWith({ date: '2017-07-02' }))).toBe(true)
    expect(judge(when, answerWith({ date: '2017-07-05' }))).toBe(false)
  })
})
