// Who in a sentence, from the alias table (where: places.ts). Who acted is told apart from who was hit by the sentence's
// shape, as headlines and lead sentences write it: "Russian strikes kill 53 civilians" (Russia acted),
// "killed by regime barrel bombs" (the regime acted), "strikes against IS positions" (IS was hit).

import type { EntityMatch } from '../text/entity-match.js'
import type { Word } from '../text/words.js'
import type { ActorMention, ActorRole } from '../types.js'

const ACTION_VERBS = new Set(
  `kill kills killed killing strike strikes struck striking shell shells shelled shelling bomb bombs bombed bombing
attack attacks attacked attacking launch launches launched launching seize seizes seized seizing capture captures captured
capturing take takes took taking advance advances advanced advancing breach breaches breached breaching execute executes
executed executing target targets targeted targeting fire fires fired firing hit hits hitting raid raids raided destroy
destroys destroyed destroying liberate liberates liberated liberating repel repels repelled repelling storm stormed
storms enter entered enters recapture recaptured recaptures retake retook retakes pound pounds pounded pounding conduct
conducted conducts carry carried carries drop dropped drops shoot shot shoots down downed downs detain detained arrest
arrested abduct abducted kidnap kidnapped clash clashed clashes bombard bombarded bombards besiege besieged besieges
encircle encircled encircles push pushed pushes overran overrun overruns control controls controlled massacre massacred
massacres gas gassed use used uses deploy deployed deploys blow blew blows sent send sends wound wounds wounded injure
injured injures displace displaced forced force forces expel expelled accuses claim claims claimed claiming`.split(
    /\s+/,
  ),
)
/** Nouns of attacks whose modifier is the attacker: "Russian strikes", "regime barrel bombs", "coalition raids". */
const ATTACK_NOUNS = new Set(
  `strike strikes airstrike airstrikes air raid raids raid shelling shells bombardment bombing bombings bombs bomb attack
attacks offensive assault assaults missiles missile rockets rocket fire barrel operation operations advance advances
onslaught campaign sniper snipers artillery mortar mortars gunfire shelling siege blockade offensive incursion
intervention troops jets warplanes aircraft planes helicopters drones drone tanks forces fighters militants gunmen
suicide car`.split(/\s+/),
)
const HIT_MARKERS = new Set('against targeting targeted target targets on at toward towards'.split(' '))
const HIT_AFTER = new Set(
  'positions position targets target strongholds stronghold bases base hideouts headquarters convoy convoys posts checkpoints members'.split(
    ' ',
  ),
)
const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve dozens hundreds scores thousands dozen hundred thousand'.split(
    ' ',
  ),
)
const PASSIVE_AUX = new Set('were was been being are is'.split(' '))
const PLACE_PREPS = new Set('in into to near across inside toward towards from within outside around'.split(' '))
const BORDER_WORDS = new Set('border borders frontier'.split(' '))
/** "in Russian and regime strikes": an adjective after "in" names who acted, not where. */
const ADJECTIVES = new Set(
  'russian russians turkish israeli israelis american americans iranian iranians iraqi lebanese jordanian saudi saudis syrian'.split(
    ' ',
  ),
)
const MODALS_AND_AUX = new Set(
  'has have had will would also reportedly allegedly then later again could may might did'.split(' '),
)

/** Forces "from" a state took part: "aircraft from Saudi Arabia", "troops from Iran". */
const FORCES_FROM = new Set(
  'aircraft planes jets warplanes pilots troops forces fighters soldiers ships warships drones advisers'.split(' '),
)

/** "aircraft from Saudi Arabia and the United Arab Emirates": the second state joins the first by "and". */
function joinsForcesFrom(words: Word[], m: EntityMatch, out: ActorMention[]): boolean {
  const before = words[m.fromWord - 1]?.norm
  const and =
    before === 'and' ? m.fromWord - 1 : before === 'the' && words[m.fromWord - 2]?.norm === 'and' ? m.fromWord - 2 : -1
  if (and < 0) return false
  const last = out[out.length - 1]
  return last !== undefined && last.role === 'acted' && words[and - 1] !== undefined && last.end === words[and - 1]!.end
}

/** Actors of a sentence with their roles; an actor named twice keeps its strongest role (acted > mentioned > hit). */
export function extractActors(text: string, words: Word[], entities: EntityMatch[]): ActorMention[] {
  const out: ActorMention[] = []
  for (let k = 0; k < entities.length; k++) {
    const m = entities[k]!
    const e = m.entity
    if (!e.group) continue
    const prev = words[m.fromWord - 1]?.norm
    // A country after "in", "to", "from", "the border with" is where, not who.
    const asPlace =
      e.place &&
      prev &&
      !ADJECTIVES.has(words[m.toWord - 1]!.norm) &&
      (PLACE_PREPS.has(prev) ||
        (BORDER_WORDS.has(words[m.fromWord - 2]?.norm ?? '') && (prev === 'with' || prev === 'of')))
    // "aircraft from Saudi Arabia and the United Arab Emirates": whose aircraft took part, not where.
    const forcesFrom = prev === 'from' && FORCES_FROM.has(words[m.fromWord - 2]?.norm ?? '')
    if (asPlace && !forcesFrom && !joinsForcesFrom(words, m, out)) continue
    // "from Saudi Arabia and the United Arab Emirates": the second joins the first, a place of the table or not.
    if (forcesFrom || joinsForcesFrom(words, m, out)) {
      out.push({ name: e.name, group: e.group, role: 'acted', start: m.start, end: m.end })
      continue
    }
    // "US-backed", "Russian-backed": the backer is not the one who acted.
    // "rebel-held", "IS-controlled", "Britain-based": a description of a place or a group, not an actor in the event.
    if (
      /^-(?:backed|supported|sponsored|allied|trained|funded|held|controlled|run|occupied|based|born)\b/i.test(
        text.slice(m.end, m.end + 12),
      )
    )
      continue
    out.push({ name: e.name, group: e.group, role: roleOf(text, words, m), start: m.start, end: m.end })
  }
  return out
}

function roleOf(text: string, words: Word[], m: EntityMatch): ActorRole {
  const at = (i: number) => words[i]?.norm ?? ''
  const before1 = at(m.fromWord - 1)
  const before2 = at(m.fromWord - 2)
  const after1 = at(m.toWord)
  const after2 = at(m.toWord + 1)

  // Counted people: "30 Terrorists Killed", "at least 35 ISIS militants were killed" (a year before a name counts nothing).
  if ((/^\d/.test(before1) && !/^(1[89]|20)\d\d$/.test(before1)) || NUMBER_WORDS.has(before1)) return 'hit'
  // Among the counted dead: "killed 14 people, including Iranians".
  if (
    before1 === 'including' &&
    /\b(?:killed|killing|dead|died|wounded|injured|wounding)\b/i.test(text.slice(0, m.start))
  )
    return 'hit'
  // Passive agent: "killed by regime barrel bombs", "airstrikes carried out by the coalition".
  if (before1 === 'by' || (before2 === 'by' && before1 === 'the')) return 'acted'
  // Object of an attack: "strikes against IS", "targeting Nusra", "killing 70 ISIS terrorists".
  if (HIT_MARKERS.has(before1) || (HIT_MARKERS.has(before2) && before1 === 'the')) return 'hit'
  if (ACTION_VERBS.has(before1) || (ACTION_VERBS.has(before2) && (before1 === 'the' || /^\d/.test(before1))))
    return 'hit'
  if (/^\d/.test(before1) && ACTION_VERBS.has(before2)) return 'hit'
  if (/^\d/.test(before1) && (before2 === 'least' || before2 === 'than') && ACTION_VERBS.has(at(m.fromWord - 4)))
    return 'hit'
  if (HIT_AFTER.has(after1)) return 'hit'
  if (PASSIVE_AUX.has(after1) && (ACTION_VERBS.has(after2) || after2 === 'dead')) return 'hit'
  // Subject of an action: "Russian jets destroy", "the regime has shelled", "ISIS executed".
  if (ACTION_VERBS.has(after1) && !PASSIVE_AUX.has(before1)) return 'acted'
  if (MODALS_AND_AUX.has(after1) && ACTION_VERBS.has(after2)) return 'acted'
  // Modifier of an attack noun: "Russian strikes", "regime barrel bombs", "US-led raids", "Turkish shelling".
  if (ATTACK_NOUNS.has(after1) || (after1 === 'air' && ATTACK_NOUNS.has(after2))) return 'acted'
  if (text.slice(m.end, m.end + 1) === "'" || text.slice(m.end, m.end + 1) === '’') {
    if (ATTACK_NOUNS.has(after2)) return 'acted'
  }
  // "IS is believed to be behind the attack", "Nusra claimed responsibility": who did it, as far as anyone says.
  if (BEHIND_AFTER.test(text.slice(m.end, m.end + BEHIND_WINDOW))) return 'acted'
  return 'mentioned'
}

const BEHIND_AFTER =
  /^(?:\s+(?:group|militants|fighters))?\s+(?:(?:is|was|are|were|has been|have been)\s+(?:[\p{L}-]+\s+){0,4}?(?:behind|responsible\s+for)|(?:has\s+|have\s+)?claimed(?:\s+the)?\s+(?:responsibility|the\s+attack))\b/iu
const BEHIND_WINDOW = 80
