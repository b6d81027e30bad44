// Credits owed by the corpus (e.g. FA-KES, CC BY 4.0), shown in /help and /stats as well as under each answer.

import type { Engine } from '../engine/engine.js'

const cache = new WeakMap<object, string>()

export function creditsOf(engine: Engine): string {
  const index = engine.index
  let credits = cache.get(index)
  if (credits === undefined) {
    credits = [...new Set(index.articles.map((a) => a.credit).filter(Boolean))].join(' · ')
    cache.set(index, credits)
  }
  return credits
}
