// Extraction of one passage, run once at index time and stored with it.

import type { EntityMatch } from '../text/entity-match.js'
import type { Word } from '../text/words.js'
import type { Extraction } from '../types.js'
import { extractCasualties } from './casualties.js'
import { extractDates, type PartialDate } from './dates.js'
import { extractActors } from './entities.js'
import { extractPeople } from './people.js'
import { extractPlaces } from './places.js'

export interface PassageInput {
  text: string
  words: Word[]
  entities: EntityMatch[]
  articleDate: PartialDate | undefined
  /** Offsets before this one are the article's dateline. */
  datelineBefore: number
  /** The first sentence of the body. */
  lead: boolean
}

export function extractPassage({ text, words, entities, articleDate, datelineBefore, lead }: PassageInput): Extraction {
  const dates = extractDates(text, articleDate, { datelineBefore, lead })
  const dateSpans = dates.map((d) => ({ start: d.start, end: d.start + d.text.length }))
  return {
    dates,
    actors: [...extractActors(text, words, entities), ...extractPeople(text, words, entities)],
    places: extractPlaces(text, words, entities),
    casualties: extractCasualties(text, words, dateSpans),
  }
}
