// node --import tsx bench/draw-incident-pairs.ts [--seed N] [--csv PATH] [--chars N] [--exclude F1,F2] [--reuse-articles]
// Draws candidate pairs of FA-KES articles for labelling "same incident" / "different incidents", the way the pairs
// of bench/incident-pairs.jsonl were drawn, for a held-out sample (bench/incident-pairs-holdout.jsonl): articles
// dated within 3 days of each other whose headlines share a place or a kind of event, plus random pairs within 3 days
// that share nothing. Pairs sharing a place AND a kind are oversampled, so that about a third come out "same".
// Articles of bench/incident-pairs.jsonl are left out (their pairs were used while tuning the grouping), and no
// article is drawn twice. The date is the text's own dateline where it has one (FA-KES's `date` column is wrong for
// about a quarter of its articles), else the column. Deterministic: the same seed draws the same pairs.
// Prints every pair with both headlines, dates and the first characters of both texts, to read and label by hand.
// bench/incident-pairs-holdout.jsonl is this draw with the default seed, in the printed order, labelled by reading;
// bench/incident-pairs-holdout2.jsonl is the draw with `--seed 20261204 --exclude bench/incident-pairs.jsonl,
// bench/incident-pairs-holdout.jsonl --reuse-articles`, labelled by someone who saw no grouping output.

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse/sync'
import { datelineDate } from '../src/engine/corpus/dateline.js'
import { normaliseDate } from '../src/engine/corpus/loader.js'
import { seededRandom, shuffle } from './random.js'

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '917305' },
    csv: { type: 'string', default: join(here, '../../shared/corpora/fa-kes/FA-KES-Dataset.csv') },
    chars: { type: 'string', default: '400' },
    // Comma-separated: every labelled file's articles are left out of a new draw.
    exclude: { type: 'string', default: join(here, 'incident-pairs.jsonl') },
    // Leave out only the labelled pairs, not their articles: FA-KES has few incidents reported twice, and once the
    // articles of two samples are left out no pair of the rest shares a place and a kind in its headlines.
    'reuse-articles': { type: 'boolean', default: false },
  },
})

/** How many pairs of each stratum to draw, at most: "both" has fewer candidates once no article is drawn twice. */
const DRAW = { both: 30, one: 27, none: 18 }
const WITHIN_DAYS = 3

const PLACES: Array<[string, RegExp]> = [
  ['aleppo', /\baleppo\b/],
  ['idlib', /\bidlib\b/],
  ['homs', /\bhoms\b/],
  ['hama', /\bhama\b/],
  ['damascus', /\bdamascus\b/],
  ['ghouta', /\bghouta\b/],
  ['douma', /\bdouma\b/],
  ['daraa', /\bdaraa|deraa|dera'a\b/],
  ['deir ezzor', /\bdeir\s*(?:ez|al|el)?[- ]?(?:zor|zour)\b|\bdeir ezzor\b|\bdeir ez-zor\b/],
  ['raqqa', /\braqq?a\b/],
  ['latakia', /\blatakia\b|\blattakia\b/],
  ['palmyra', /\bpalmyra\b|\btadmur\b/],
  ['kobani', /\bkobani\b|\bkobane\b|\bain al-arab\b/],
  ['hasaka', /\bhasa[kc]a[h]?\b|\bhasakeh\b/],
  ['qamishli', /\bqamishl[iy]\b/],
  ['khan shaykhun', /\bkhan sh[ae]y?kh?o?un\b/],
  ['manbij', /\bmanbij\b/],
  ['afrin', /\bafrin\b/],
  ['al-bab', /\bal-bab\b/],
  ['tartus', /\btartous\b|\btartus\b/],
  ['quneitra', /\bquneitra\b/],
  ['yarmouk', /\byarmouk\b/],
  ['darayya', /\bdaraya\b|\bdarayya\b/],
  ['madaya', /\bmadaya\b/],
  ['jobar', /\bjobar\b/],
  ['harasta', /\bharasta\b/],
  ['jisr al-shughour', /\bjisr al-?shugh?our\b/],
  ['azaz', /\bazaz\b|\ba'zaz\b/],
  ['ariha', /\bariha\b/],
  ['jarablus', /\bjarablus\b/],
]

const KINDS: Array<[string, RegExp]> = [
  [
    'air strike',
    /\bair ?strikes?\b|\bair ?raids?\b|\bwarplanes?\b|\bjets?\b|\bbarrel bombs?\b|\bbombing\b|\bbombed\b|\bbombard/,
  ],
  ['car bomb', /\bcar bombs?\b|\bexplosions?\b|\bblasts?\b|\bsuicide\b|\bbomb attack\b|\bexplosive\b/],
  ['shelling', /\bshell(?:s|ing|ed)?\b|\brockets?\b|\bmortars?\b|\bmissiles?\b|\bartillery\b/],
  ['chemical', /\bchemical\b|\bgas\b|\bchlorine\b|\bsarin\b|\btoxic\b|\bnerve agent\b/],
  ['clashes', /\bclash(?:es)?\b|\bfighting\b|\bbattles?\b|\boffensive\b|\bassault\b|\bambush\b|\bcaptured?\b/],
  ['executions', /\bexecut(?:e|ed|es|ion|ions)\b|\bbehead/],
  ['massacre', /\bmassacres?\b/],
]

interface Article {
  id: string
  title: string
  body: string
  source: string
  date: string
  listed: string
  places: string[]
  kinds: string[]
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000
const tags = (text: string, list: Array<[string, RegExp]>) =>
  list.filter(([, re]) => re.test(text.toLowerCase())).map(([name]) => name)

// Articles, as the project forms their ids (unit_id), first of a repeated id kept, dates from the dateline first.
const rows = parse<Record<string, string>>(readFileSync(values.csv, 'utf8'), {
  columns: true,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
})
const excluded = new Set<string>()
const labelledPairs = new Set<string>()
const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`)
for (const file of values.exclude.split(',')) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const p = JSON.parse(line) as { a: string; b: string }
    labelledPairs.add(pairKey(p.a, p.b))
    if (values['reuse-articles']) continue
    excluded.add(p.a)
    excluded.add(p.b)
  }
}
const seen = new Set<string>()
const articles: Article[] = []
for (const r of rows) {
  const id = (r.unit_id ?? '').trim()
  const body = r.article_content ?? ''
  if (!id || !body.trim() || seen.has(id)) continue
  seen.add(id)
  if (excluded.has(id)) continue
  const title = (r.article_title ?? '').trim()
  const listed = normaliseDate(r.date ?? '') ?? ''
  const date = datelineDate(body, title) ?? listed
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) continue
  articles.push({
    id,
    title,
    body,
    source: (r.source ?? '').trim(),
    date,
    listed,
    places: tags(title, PLACES),
    kinds: tags(title, KINDS),
  })
}

// Candidate pairs within WITHIN_DAYS, by what their headlines share.
type Stratum = keyof typeof DRAW
const candidates: Record<Stratum, Array<[Article, Article]>> = { both: [], one: [], none: [] }
for (let i = 0; i < articles.length; i++) {
  for (let j = i + 1; j < articles.length; j++) {
    const [a, b] = [articles[i]!, articles[j]!]
    if (Math.abs(day(a.date) - day(b.date)) > WITHIN_DAYS) continue
    if (labelledPairs.has(pairKey(a.id, b.id))) continue
    const place = a.places.some((p) => b.places.includes(p))
    const kind = a.kinds.some((k) => b.kinds.includes(k))
    candidates[place && kind ? 'both' : place || kind ? 'one' : 'none'].push([a, b])
  }
}

const rand = seededRandom(Number(values.seed))
const used = new Set<string>()
const drawn: Array<{ stratum: Stratum; a: Article; b: Article }> = []
for (const stratum of Object.keys(DRAW) as Stratum[]) {
  let taken = 0
  for (const [a, b] of shuffle(candidates[stratum], rand)) {
    if (taken >= DRAW[stratum]) break
    if (used.has(a.id) || used.has(b.id)) continue
    used.add(a.id)
    used.add(b.id)
    drawn.push({ stratum, a, b })
    taken++
  }
}

const chars = Number(values.chars)
const show = (x: Article) =>
  `  ${x.id} ${x.date}${x.listed && x.listed !== x.date ? ` (listed ${x.listed})` : ''} ${x.source} ` +
  `[${[...x.places, ...x.kinds].join(', ')}]\n  ${x.title}\n  ${x.body.replace(/\s+/g, ' ').slice(0, chars)}`
console.log(
  `seed ${values.seed}: ${articles.length} articles (${excluded.size} excluded); candidates ` +
    `both ${candidates.both.length}, one ${candidates.one.length}, none ${candidates.none.length}; drawn ${drawn.length}\n`,
)
drawn.forEach(({ stratum, a, b }, n) => console.log(`#${n + 1} ${stratum}\n${show(a)}\n${show(b)}\n`))
