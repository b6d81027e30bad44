// node --import tsx bench/incidents.ts [--corpus PATH] [--pairs FILE]
// Measures how well the index groups reports into incidents (src/engine/index/incidents.ts) against pairs of FA-KES
// articles that a person labelled by reading them (bench/incident-pairs.jsonl): "same incident" or "different
// incidents". The pairs were drawn with a fixed seed, without looking at the grouping: articles dated within 3 days
// of each other whose headlines share a place or a kind of event (air strike, car bomb, shelling, chemical…), plus
// random pairs within 3 days that share nothing. A pair is grouped when both articles belong to the same incident.
// Prints the pairs labelled (same / different), precision (of the grouped pairs, the share labelled same), recall
// (of the pairs labelled same, the share grouped) and every disagreement, with both headlines and the label's note.

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { corpusChoice, openWithProgress } from '../src/cli/common.js'
import { FAKES } from './corpus.js'

interface LabelledPair {
  a: string
  b: string
  same: boolean
  note: string
}

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: FAKES },
    pairs: { type: 'string', default: join(here, 'incident-pairs.jsonl') },
  },
})

const pairs: LabelledPair[] = readFileSync(values.pairs, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as LabelledPair)
const { index } = openWithProgress(corpusChoice({ corpus: values.corpus }))

/** The article's number in the index, or a clear failure: a label about an article the corpus lacks measures nothing. */
function articleOf(id: string): number {
  const n = index.articleIndexById.get(id)
  if (n === undefined) throw new Error(`article ${id} of ${values.pairs} is not in ${values.corpus}`)
  return n
}

/** How the grouping sees one article: its incident's kind, first day and places, or that it made no report. */
function describe(n: number): string {
  const i = index.incidentOfArticle[n]!
  if (i < 0) return 'no incident'
  const inc = index.incidents[i]!
  return `incident #${i} ${inc.kind} ${inc.date} [${inc.places.join(', ')}] (${inc.reports.length} reports)`
}

let truePositive = 0
let falsePositive = 0
let falseNegative = 0
let trueNegative = 0
const disagreements: string[] = []
for (const pair of pairs) {
  const [a, b] = [articleOf(pair.a), articleOf(pair.b)]
  const ia = index.incidentOfArticle[a]!
  const grouped = ia >= 0 && ia === index.incidentOfArticle[b]
  if (grouped && pair.same) truePositive++
  else if (grouped) falsePositive++
  else if (pair.same) falseNegative++
  else trueNegative++
  if (grouped === pair.same) continue
  const line = (n: number) => {
    const article = index.articles[n]!
    return `    ${article.id} ${article.date} ${article.source}: ${article.title}\n      → ${describe(n)}`
  }
  disagreements.push(
    `  label ${pair.same ? 'SAME' : 'DIFFERENT'}, grouping ${grouped ? 'one incident' : 'apart'}: ${pair.note}\n` +
      `${line(a)}\n${line(b)}`,
  )
}

const labelledSame = truePositive + falseNegative
const grouped = truePositive + falsePositive
const share = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`
console.log(
  `corpus: ${values.corpus}\npairs: ${values.pairs}\n` +
    `${pairs.length} pairs labelled: ${labelledSame} same incident, ${pairs.length - labelledSame} different\n` +
    `grouping: ${grouped} pairs in one incident (${truePositive} right, ${falsePositive} wrong); ` +
    `${pairs.length - grouped} apart (${trueNegative} right, ${falseNegative} wrong)\n` +
    `precision ${share(truePositive, grouped)}\nrecall    ${share(truePositive, labelledSame)}\n`,
)
console.log(`${disagreements.length} disagreements:\n${disagreements.join('\n\n')}`)
