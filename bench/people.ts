// node --import tsx bench/people.ts [--draw]
//
// Who finds people better: the project's patterns (src/engine/extract/people.ts) or the `compromise` library
// (`nlp(sentence).people()`)? Both run on the hand-labelled sentences of bench/people-sample.jsonl; the script prints
// precision, recall and F1 per corpus and overall, the 10 most common errors of each, and the time per 1,000 sentences.
//
// Systems scored:
//   patterns            extractPeople(text, words, entities) with analyze(text), as src/engine/extract/index.ts does
//   patterns+aliases    the same plus the alias table's people (Assad, Putin, Trump, Obama, Erdogan, de Mistura), which
//                       extractPeople leaves to extractActors on purpose: what the index actually records as people
//   compromise          nlp(sentence).people().out('array'), trailing punctuation, possessives and titles removed
//   compromise-filtered compromise's names less those opening with a particle ("al-Foaa") or holding an organisation
//                       or place of the alias table ("Al-Nusra"): two rules people.ts applies to its own candidates
//   A|B                 B only for sentences where A (patterns+aliases) finds nobody: a fallback
//   A+B                 the union of both
// Then the F1 of each against patterns+aliases, with a 95% paired bootstrap interval over the sample's sentences.
//
// Matching rule. A name is normalised: folded to lower case without diacritics, possessive "'s" and punctuation at
// either end removed, leading titles removed ("President", "Col.", "Mr.", "Maj. Gen.", …), hyphens read as spaces
// ("al-Assad" → "al assad"). A predicted name matches a gold name of the same sentence when the two are equal, or when
// one is the other's last word(s) (a surname match: "Assad" ~ "Bashar al-Assad", "Dillon" ~ "Ryan Dillon"; "Bashar"
// alone does not match). Each gold person counts once per sentence: a second prediction of an already matched person
// ("Assad" after "Bashar al-Assad") is neither right nor wrong, and a wrong name predicted twice is one false positive.
// Precision = matched predictions / distinct predictions; recall = matched gold people / gold people.
//
// The sample (--draw prints fresh, unlabelled candidates to stdout; it never writes the labelled file): sentences of
// FA-KES (../shared/corpora/fa-kes), AllSides (../shared/corpora/allsides-syria) and the two seed articles in corpus/,
// split with the project's splitSentences, 40 to 400 characters long. A seeded generator (mulberry32, seed 20240611)
// shuffles each corpus's articles and takes at most one sentence per article: 80% from sentences holding two adjacent
// capitalised words after the first word (people, organisations, places) and 20% from the others, so some sentences
// name no one. Labels were written by hand, by reading each sentence, independently of both extractors. Conventions:
// persons only, named as the sentence names them ("Assad", "Mr. Hague" → "Hague", "Martin Luther King Jr."); a
// possessive names the person ("Bashar al-Assads regime", "Obama's claim"), a name used as an institution's modifier
// does not ("the Assad regime", "the Obama administration"); photo credits and tweet signatures count ("Photo: Hassan
// Ammar, AP"); places and buildings named after people do not ("Sayyeda Zainab Highway", "Hatim al-Taie school").

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import nlp from 'compromise'
import { extractPeople } from '../src/engine/extract/people.js'
import { analyze } from '../src/engine/text/normalize.js'
import { splitSentences } from '../src/engine/text/sentences.js'
import { seededRandom, shuffle } from './random.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const SAMPLE = join(here, 'people-sample.jsonl')
const FAKES = join(root, '../shared/corpora/fa-kes/FA-KES-Dataset.csv')
const ALLSIDES = join(root, '../shared/corpora/allsides-syria/articles.jsonl')
const SEEDS = ['seed-bbc-raqqa-old-city-wall.md', 'seed-foxnews-raqqa-old-city-wall.md'].map((f) =>
  join(root, 'corpus', f),
)

type Source = 'fa-kes' | 'allsides' | 'seed'
interface Labelled {
  source: Source
  article: string
  sentence: string
  people: string[]
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing the sample

const SEED = 20240611
const DRAW: Record<Source, number> = { 'fa-kes': 56, allsides: 58, seed: 12 }

function articles(): { source: Source; id: string; body: string }[] {
  const out: { source: Source; id: string; body: string }[] = []
  const rows = parse<Record<string, string>>(readFileSync(FAKES, 'utf8'), { columns: true, skip_empty_lines: true })
  for (const r of rows) out.push({ source: 'fa-kes', id: r.unit_id!, body: r.article_content ?? '' })
  for (const line of readFileSync(ALLSIDES, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const a = JSON.parse(line) as { id: string; body: string }
    out.push({ source: 'allsides', id: a.id, body: a.body })
  }
  for (const file of SEEDS) {
    const text = readFileSync(file, 'utf8')
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text)
    const id = /id:\s*"([^"]+)"/.exec(m?.[1] ?? '')?.[1] ?? file
    out.push({ source: 'seed', id, body: m ? text.slice(m[0].length) : text })
  }
  return out
}

/** Two adjacent capitalised words, not counting the sentence's first word. */
const CAPITALS_RE = /\s\p{Lu}[\p{L}'’.-]*[\s-]+\p{Lu}[\p{L}'’.-]*/u

function draw(): void {
  const random = seededRandom(SEED)
  const all = articles()
  const seen = new Set<string>()
  for (const source of ['fa-kes', 'allsides', 'seed'] as Source[]) {
    const want = DRAW[source]
    const informative = Math.round(want * 0.8)
    let taken = 0
    let takenInformative = 0
    const pool = shuffle(
      all.filter((a) => a.source === source),
      random,
    )
    // The seeds are two articles: several sentences from each.
    const perArticle = source === 'seed' ? 6 : 1
    for (const a of pool) {
      if (taken >= want) break
      const sentences = splitSentences(a.body)
        .map((s) => a.body.slice(s.start, s.end).replace(/\s+/g, ' ').trim())
        .filter((s) => s.length >= 40 && s.length <= 400 && !seen.has(s))
      for (let n = 0; n < perArticle && taken < want; n++) {
        const wantInformative = takenInformative < informative
        const candidates = sentences.filter((s) => CAPITALS_RE.test(s) === wantInformative && !seen.has(s))
        if (candidates.length === 0) continue
        const sentence = candidates[Math.floor(random() * candidates.length)]!
        seen.add(sentence)
        taken++
        if (wantInformative) takenInformative++
        console.log(JSON.stringify({ source, article: a.id, sentence, people: [] }))
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

if (process.argv.includes('--draw')) {
  draw()
  process.exit(0)
}

const PERSON_ALIAS_KEYS = new Set(['assad', 'putin', 'trump', 'obama', 'erdogan', 'demistura'])

/** Titles taken off the front of a name before matching ("Syrian President", "Coalition spokesman Col."). */
const TITLES = new Set(
  `mr mrs ms dr president vice prime minister foreign finance defense defence secretary general gen major maj colonel
  col lieutenant lt brigadier brig captain capt sergeant sgt admiral adm sen senator rep representative gov governor
  spokesman spokeswoman chief commander sheikh king prince queen emir mayor judge ambassador envoy chancellor premier
  caretaker state of the former`.split(/\s+/),
)
/** Taken off the end of a name: "Martin Luther King Jr.". */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii'])

/** Words of a name, lower case, without diacritics, titles, possessive or punctuation; hyphens split words. */
export function nameWords(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s?(?=\s|$)/g, '')
    .split(/[\s-]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean)
  let from = 0
  while (from < words.length - 1 && TITLES.has(words[from]!)) from++
  let to = words.length
  while (to > from + 1 && SUFFIXES.has(words[to - 1]!)) to--
  const out = words.slice(from, to)
  // A title alone ("President") names no one.
  return out.length === 1 && TITLES.has(out[0]!) ? [] : out
}

/** Same word; FA-KES wrote possessives without the apostrophe ("Assads"), so a trailing "s" is allowed on one side. */
function sameWord(a: string, b: string): boolean {
  return a === b || (a.length > 3 && (a === b + 's' || b === a + 's'))
}

/** Equal, or one is the other's last word(s): "assad" ~ "bashar al assad". */
export function sameName(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  const off = long.length - short.length
  return short.every((w, k) => sameWord(w, long[off + k]!))
}

interface Score {
  tp: number
  fp: number
  fn: number
}

interface Result extends Score {
  errors: Map<string, number>
}

/** Scores one sentence: matched gold people, distinct wrong names, missed gold people (see the header's rule). */
function scoreSentence(gold: string[], predicted: string[], errors: Map<string, number>): Score {
  const goldWords = gold.map(nameWords)
  const matched = goldWords.map(() => false)
  const wrong: string[][] = []
  let tp = 0
  let fp = 0
  for (const p of predicted) {
    const w = nameWords(p)
    if (w.length === 0) continue
    const g = goldWords.findIndex((gw) => sameName(gw, w))
    if (g >= 0) {
      if (!matched[g]) tp++
      matched[g] = true
      continue
    }
    if (wrong.some((x) => sameName(x, w))) continue
    wrong.push(w)
    fp++
    const key = `FP "${p}"`
    errors.set(key, (errors.get(key) ?? 0) + 1)
  }
  let fn = 0
  gold.forEach((name, k) => {
    if (matched[k]) return
    fn++
    const key = `FN "${name}"`
    errors.set(key, (errors.get(key) ?? 0) + 1)
  })
  return { tp, fp, fn }
}

// The systems

function patterns(sentence: string): string[] {
  const { words, entities } = analyze(sentence)
  return extractPeople(sentence, words, entities).map((p) => p.name)
}

function withAliases(sentence: string): string[] {
  // One analyze for both, as src/engine/extract/index.ts does.
  const { words, entities } = analyze(sentence)
  return [
    ...entities.filter((e) => PERSON_ALIAS_KEYS.has(e.entity.key)).map((e) => sentence.slice(e.start, e.end)),
    ...extractPeople(sentence, words, entities).map((p) => p.name),
  ]
}

function compromise(sentence: string): string[] {
  return (nlp(sentence).people().out('array') as string[]).filter((n) => nameWords(n).length > 0)
}

/** Particles that never open a person's name (the rule of people.ts): "al-Hamadaniyeh", "Al-Nusra" are not people. */
const PARTICLES = new Set('al el ad ar as ash at an az'.split(' '))

/**
 * compromise's names kept by two rules people.ts already applies to its own candidates: a name does not open with a
 * particle, and it does not hold an organisation or place of the alias table ("Jaish al-Fatah", "Al-Nusra").
 */
function compromiseFiltered(sentence: string): string[] {
  return compromise(sentence).filter((n) => {
    const first = n
      .replace(/^[^\p{L}]+/u, '')
      .split(/[\s-]+/)[0]!
      .toLowerCase()
    if (PARTICLES.has(first)) return false
    return !analyze(n).entities.some((e) => !PERSON_ALIAS_KEYS.has(e.entity.key))
  })
}

const fallback = (other: (s: string) => string[]) => (s: string) => {
  const own = withAliases(s)
  return own.length > 0 ? own : other(s)
}

const SYSTEMS: [string, (s: string) => string[]][] = [
  ['patterns', patterns],
  ['patterns+aliases', withAliases],
  ['compromise', compromise],
  ['compromise-filtered', compromiseFiltered],
  ['patterns|compromise', fallback(compromise)],
  ['patterns|compromise-filtered', fallback(compromiseFiltered)],
  ['patterns+compromise', (s) => [...withAliases(s), ...compromise(s)]],
  ['patterns+compromise-filtered', (s) => [...withAliases(s), ...compromiseFiltered(s)]],
]
const BASELINE = 'patterns+aliases'

// Run

const sample = readFileSync(SAMPLE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled)
const sources: Source[] = ['fa-kes', 'allsides', 'seed']
const results = new Map<string, Map<Source | 'all', Result>>()
/** Per system, the score of each sentence, for the bootstrap. */
const perSentence = new Map<string, Score[]>()
for (const [name, run] of SYSTEMS) {
  const bySource = new Map<Source | 'all', Result>()
  const all: Result = { tp: 0, fp: 0, fn: 0, errors: new Map() }
  for (const source of sources) bySource.set(source, { tp: 0, fp: 0, fn: 0, errors: new Map() })
  bySource.set('all', all)
  const scores: Score[] = []
  for (const item of sample) {
    const r = bySource.get(item.source)!
    const s = scoreSentence(item.people, run(item.sentence), all.errors)
    scores.push(s)
    for (const x of [r, all]) {
      x.tp += s.tp
      x.fp += s.fp
      x.fn += s.fn
    }
  }
  results.set(name, bySource)
  perSentence.set(name, scores)
}

function f1(s: Score): number {
  return s.tp === 0 ? 0 : (2 * s.tp) / (2 * s.tp + s.fp + s.fn)
}
const pct = (x: number) => (Number.isNaN(x) ? '     -' : `${(100 * x).toFixed(1).padStart(5)}%`)
function prf(s: Score): string {
  const p = s.tp / (s.tp + s.fp)
  const r = s.tp / (s.tp + s.fn)
  return `P ${pct(p)}  R ${pct(r)}  F1 ${pct(f1(s))}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`
}

const count = (source: Source) => sample.filter((x) => x.source === source)
console.log(
  `${sample.length} sentences, ${sample.reduce((n, x) => n + x.people.length, 0)} gold people: ` +
    sources
      .map((s) => `${s} ${count(s).length} (${count(s).reduce((n, x) => n + x.people.length, 0)} people)`)
      .join(', ') +
    '\n',
)
for (const [name, bySource] of results) {
  console.log(name)
  for (const key of [...sources, 'all'] as const) console.log(`  ${key.padEnd(9)} ${prf(bySource.get(key)!)}`)
}

// Paired bootstrap over sentences (2,000 resamples, seeded): F1 of each system minus the baseline's, 95% interval.
console.log(`\nF1 minus ${BASELINE}'s, overall, with a 95% paired bootstrap interval over sentences`)
const random = seededRandom(SEED)
const draws = Array.from({ length: 2000 }, () => sample.map(() => Math.floor(random() * sample.length)))
const sum = (scores: Score[], idx: number[]): Score =>
  idx.reduce((a, i) => ({ tp: a.tp + scores[i]!.tp, fp: a.fp + scores[i]!.fp, fn: a.fn + scores[i]!.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  })
const base = perSentence.get(BASELINE)!
for (const [name, scores] of perSentence) {
  if (name === BASELINE) continue
  const all = sample.map((_, i) => i)
  const diffs = draws.map((idx) => f1(sum(scores, idx)) - f1(sum(base, idx))).sort((a, b) => a - b)
  const d = f1(sum(scores, all)) - f1(sum(base, all))
  const lo = diffs[Math.floor(0.025 * diffs.length)]!
  const hi = diffs[Math.floor(0.975 * diffs.length)]!
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`
  console.log(`  ${name.padEnd(30)} ${pts(d).padStart(6)} points  [${pts(lo)}, ${pts(hi)}]`)
}

// The errors: false positives and false negatives listed apart, so that neither kind hides the other.
for (const [name, bySource] of results) {
  const errors = [...bySource.get('all')!.errors]
  console.log(`\n10 most common errors: ${name}`)
  for (const kind of ['FP', 'FN']) {
    const top = errors
      .filter(([e]) => e.startsWith(kind))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
    console.log(`  ${kind}: ${top.map(([e, n]) => `${e.slice(3)}${n > 1 ? ` ×${n}` : ''}`).join(', ') || '(none)'}`)
  }
}

// Timing: every sentence of the sample, repeated for at least half a second, after a warm-up pass; three rounds
// taken in turn (so no system gains from running after the others warmed the shared code), the fastest kept.
function time(run: (s: string) => unknown): number {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < 500) {
    for (const s of sample) run(s.sentence)
    n += sample.length
    elapsed = performance.now() - start
  }
  return (elapsed / n) * 1000
}
const timed: [string, (s: string) => unknown][] = [
  ['analyze alone (words and alias table; the index runs it anyway)', (s) => analyze(s)],
  ['patterns (analyze + extractPeople)', patterns],
  ['patterns+aliases', withAliases],
  ['compromise', compromise],
  ['patterns|compromise-filtered (fallback)', fallback(compromiseFiltered)],
]
for (const [, run] of timed) for (const s of sample) run(s.sentence)
const best = timed.map(() => Infinity)
for (let round = 0; round < 3; round++) timed.forEach(([, run], k) => (best[k] = Math.min(best[k]!, time(run))))
console.log('\nms per 1,000 sentences (one thread, fastest of 3 rounds)')
timed.forEach(([name], k) => console.log(`  ${best[k]!.toFixed(1).padStart(8)}  ${name}`))
