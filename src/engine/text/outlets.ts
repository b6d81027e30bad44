// Outlet names: the corpus keeps an article's `source` as given (FA-KES writes "ahram"); users see and type
// the outlet's name ("Al-Ahram"). Both find the same articles.

import { fold } from './words.js'

const DISPLAY: Record<string, string> = {
  ahram: 'Al-Ahram',
  manar: 'Al-Manar',
  alalam: 'Al-Alam',
  alaraby: 'Al-Araby',
  dailysabah: 'Daily Sabah',
  sana: 'SANA',
  sputnik: 'Sputnik',
  etilaf: 'Etilaf (Syrian Coalition)',
  trt: 'TRT World',
  jordantimes: 'Jordan Times',
  reuters: 'Reuters',
  arabiya: 'Al-Arabiya',
  nna: 'NNA (Lebanon)',
  asharqalawsat: 'Asharq Al-Awsat',
  tass: 'TASS',
  bbc: 'BBC',
  foxnews: 'Fox News',
}

const squash = (name: string) => fold(name).replace(/[^a-z0-9]/g, '')
/** Every way of writing a known outlet (its key, its name squashed) → its key. */
const KEY_OF = new Map<string, string>(
  Object.entries(DISPLAY).flatMap(([key, display]) => [
    [key, key],
    [squash(display), key],
  ]),
)

/** A key that matches however the outlet is written: "Al-Ahram", "al ahram", "ahram" → "ahram". */
export function outletKey(name: string): string {
  const k = squash(name)
  return KEY_OF.get(k) ?? k.replace(/^(al|the)(?=[a-z]{3})/, '')
}

const names = new Map<string, string>()

/** The outlet's name for people, or the source as given when it is not a known outlet. */
export function outletName(source: string): string {
  if (!source) return ''
  let name = names.get(source)
  if (name === undefined) {
    name = DISPLAY[outletKey(source)] ?? source
    if (names.size < 10_000) names.set(source, name)
  }
  return name
}

const SUFFIX_RE = /^(.*\S)\s+[|\-–—]\s+([^|\-–—]{2,40})$/

/** A title's trailing " | Jordan Times" or " - Daily Sabah" names the outlet, not the story. */
export function stripOutletFromTitle(title: string, source: string): string {
  const key = outletKey(source)
  const m = SUFFIX_RE.exec(title)
  if (m && key && outletKey(m[2]!) === key) return m[1]!
  return title
}

/** A question pasted from a headline may end with the outlet's name ("… - Daily Sabah"): it is not what is asked. */
export function stripKnownOutlet(text: string): string {
  const m = SUFFIX_RE.exec(text.trim())
  return m && m[2] && KEY_OF.has(squash(m[2])) ? m[1]! : text
}
