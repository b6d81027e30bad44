// A figure belongs to the event its sentence gives it to: "missile strikes on a Syrian airbase in response to a
// chemical weapons attack that killed dozens" says how many the chemical attack killed, not the strikes.

import { beforeAll, describe, expect, it } from 'vitest'
import { answer } from '../src/engine/query/answer.js'
import { buildIndex, type SearchIndex } from '../src/engine/index/build.js'
import { newsArticle as article } from './helpers.js'

let index: SearchIndex
beforeAll(() => {
  index = buildIndex(
    [
      article(
        'haley',
        'Yahoo! News',
        '2017-04-07',
        'Haley says U.S. is prepared to do more in Syria',
        'At the United Nations Friday, U.S. Ambassador Nikki Haley said the U.S. was fully justified in launching ' +
          'missile strikes on a Syrian airbase in response to a chemical weapons attack that killed dozens of ' +
          'civilians, including 20 children, earlier this week.',
      ),
      article(
        'toll',
        'Newsmax',
        '2017-04-07',
        'US probing Russian role in chemical attack',
        'The Pentagon is looking into whether Russia took part in the attack. ' +
          'The Syrian military said at least 7 people were killed and several were wounded in the strikes on the air base.',
      ),
      article(
        'russia',
        'NPR',
        '2015-09-30',
        'Russia Begins Airstrikes In Syria After Assad Request',
        'Russian warplanes began airstrikes in Syria on Wednesday, hitting targets near Homs.',
      ),
      article(
        'usa',
        'NPR',
        '2015-03-14',
        'Four years of war in Syria',
        'The war in Syria began as a peaceful uprising four years ago, and it has changed since. ' +
          'By September 2014, when U.S. airstrikes began in Syria, the target was the Islamic State.',
      ),
      article(
        'mogambo',
        'SANA',
        '2016-05-23',
        'Blasts in Jableh',
        'Terrorists detonated a car bomb near the Mogambo restaurant, which killed nine people on Monday.',
      ),
    ],
    { fingerprint: 'other-event-figures' },
  )
})

describe('figures of another event than the one asked', () => {
  it('the strikes on the airbase: the toll of the strikes, not of the chemical attack they answered', () => {
    const top = answer(index, 'casualties', 'how many did the US strikes on the airbase kill').answers[0]
    expect(top?.article.id).toBe('toll')
    expect(top?.value).toMatchObject({ count: 7, qualifier: 'at least' })
  })

  it('the chemical attack asked about keeps its own figure', () => {
    const top = answer(index, 'casualties', 'how many did the chemical weapons attack kill').answers[0]
    expect(top?.article.id).toBe('haley')
    expect(top?.value).toMatchObject({ count: 12, approximate: true })
  })

  it('a clause about the event asked keeps its figure: "a car bomb near the Mogambo restaurant, which killed nine"', () => {
    const top = answer(index, 'casualties', 'how many died in the mogambo restaurant bombing').answers[0]
    expect(top?.article.id).toBe('mogambo')
    expect(top?.value).toMatchObject({ count: 9 })
  })
})

describe('what another state did', () => {
  it('"when did the us start airstrikes in syria" is not answered by the day Russia began its own', () => {
    const answers = answer(index, 'when', 'when did the us start airstrikes in syria').answers
    expect(answers.map((a) => a.article.id)).not.toContain('russia')
    expect(answers[0]?.article.id).toBe('usa')
    expect(answers[0]?.value).toMatchObject({ date: '2014-09', precision: 'month' })
  })

  it('"when did russia start airstrikes in syria" still is', () => {
    expect(answer(index, 'when', 'when did russia start airstrikes in syria').answers[0]?.article.id).toBe('russia')
  })
})
