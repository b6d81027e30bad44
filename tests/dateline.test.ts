// An article's date is read from its own dateline, in every format the corpora use; a date inside the story is not
// a dateline.

import { describe, expect, it } from 'vitest'
import { datelineDate } from '../src/engine/corpus/dateline.js'
import { loadCorpus } from '../src/engine/corpus/loader.js'
import { FAKES_CSV, HAVE_FAKES } from './helpers.js'

describe('datelines', () => {
  it.each([
    ['Published April 2 2017 At least 23 civilians were killed', '2017-04-02'],
    ['Date of publication 3 October 2017 More than 19 civilians were killed', '2017-10-03'],
    ['Last updated at Apr 232017 Syrian forces advanced', '2017-04-23'],
    ['Last updated at Jul 52017 Syrian forces advanced', '2017-07-05'],
    ['Thu Feb 5 2015 Rockets hit Damascus.', '2015-02-05'],
    ['24.08.2013(updated 2013 24.08.2013) Syrian regime forces fired', '2013-08-24'],
    ['21.08.2013Get short URL 0 0 0 Syrian regime forces fired', '2013-08-21'],
    ['07-07-2016 Over 20 terrorists killed in Hama.', '2016-07-07'],
    ['Saturday 22 July 2016 Dozens killed in air strikes on Idlib.', '2016-07-22'],
    ['Tuesday 26 April 2016 21:41 Syrian Coalition mourns rescue workers', '2016-04-26'],
    ['Print this page Tuesday 19 July 2016 16:45 Russian airstrikes disrupt', '2016-07-19'],
    ['ISIL kills 5 in Deir Ezzor Middle East Syria Security 31-08-2014 0742 PM The group', '2014-08-31'],
  ])('%s → %s', (body, date) => {
    expect(datelineDate(body)).toBe(date)
  })

  it('after the headline repeated at the top and an agency', () => {
    const title = 'Syria rebel infighting kills 45 fighters in 2 days'
    expect(datelineDate(`${title} AP Monday 9 Jun 2014 Activists say rebel infighting has killed 45.`, title)).toBe(
      '2014-06-09',
    )
    expect(
      datelineDate(
        'Car bomb kills at least 34 in Syrias Hama State media AFP Friday 20 Jun 2014 A car bomb killed',
        '',
      ),
    ).toBe('2014-06-20')
  })

  it('a date inside the story, or none at all, is no dateline', () => {
    expect(
      datelineDate('1. Ghouta: On August 21 2013 the Assad regime fired rockets filled with Sarin gas'),
    ).toBeUndefined()
    expect(datelineDate('Air strikes on two hospitals in rebel-held areas killed 10 people on Monday.')).toBeUndefined()
    expect(datelineDate('The cheap 3 May 2015 offer')).toBeUndefined()
  })

  it('never gives a day that does not exist', () => {
    expect(datelineDate('Published February 30 2017 Text')).toBeUndefined()
    expect(datelineDate('31.02.2016 Text')).toBeUndefined()
  })
})

describe.skipIf(!HAVE_FAKES)('FA-KES: the date every reply shows is the dateline', () => {
  it('every article whose text carries a dateline is dated by it, the listed date kept beside it', () => {
    const { articles } = loadCorpus(FAKES_CSV)
    const dated = articles.filter((a) => datelineDate(a.body, a.title) !== undefined)
    expect(dated.length).toBeGreaterThan(700)
    const wrong = dated.filter((a) => a.date !== datelineDate(a.body, a.title))
    expect(wrong.map((a) => a.id)).toEqual([])
    expect(dated.filter((a) => a.listedDate !== undefined).length).toBeGreaterThan(150)
  })
})
