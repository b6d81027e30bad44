// The one check of a message against Discord's limits, for every test that looks at what Discord would receive: a
// DiscordMessage from src/render, or the JSON body of a reply the fake Discord recorded (snake_case, as sent).
// Discord refuses a message that breaks any of these limits (400), so a reply that breaks one is a reply lost.
// tests/discord-limits.test.ts checks that each limit here can fail, and that LIMITS holds Discord's numbers.

import { expect } from 'vitest'
import { ButtonStyle, ComponentType } from 'discord.js'
import { LIMITS } from '../src/limits.js'
import type { DiscordMessage } from '../src/render/discord.js'

/** Discord's limits on components, which src/limits.ts does not need to name. */
export const COMPONENT_LIMITS = { actionRows: 5, componentsPerRow: 5 } as const

/** Text that Discord shows as a mention or a link to one: @everyone, @here, <@user>, <@&role>, <#channel>, </command:id>. */
export const MENTION = /@everyone|@here|<@|<#|<\//i

/** A message as the fake Discord records it: the API's JSON, every part optional. */
export interface MessagePayload {
  content?: string | null
  embeds?: unknown[]
  components?: unknown[]
  allowed_mentions?: unknown
}

interface Embed {
  title?: string
  description?: string
  url?: string
  footer?: { text: string }
  author?: { name: string }
  fields?: Array<{ name: string; value: string }>
}

interface Component {
  type: number
  style?: number
  custom_id?: string
  url?: string
  label?: string
  components?: Component[]
}

/** Every string inside a value (an embed), however deep: the text a reader could see. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsIn)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn)
  return []
}

/**
 * Every limit Discord enforces on a message with embeds and buttons (src/limits.ts LIMITS), and nothing that pings:
 * allowed_mentions parses nothing, and no text of the message reads as a mention. Takes a DiscordMessage or the JSON
 * body of a reply as sent (`body.data` of a callback, or the body of a PATCH).
 */
export function expectDiscordSafe(message: DiscordMessage | MessagePayload): void {
  const allowedMentions = 'allowedMentions' in message ? message.allowedMentions : message.allowed_mentions
  expect(allowedMentions, 'allowed_mentions must parse nothing').toEqual({ parse: [] })

  const content = message.content ?? ''
  expect(content.length, 'content length').toBeLessThanOrEqual(LIMITS.content)

  const embeds = (message.embeds ?? []) as Embed[]
  expect(embeds.length, 'number of embeds').toBeLessThanOrEqual(LIMITS.embedsPerMessage)
  let total = 0
  embeds.forEach((e, i) => {
    const where = `embed ${i}`
    expect(e.title?.length ?? 0, `${where}: title length`).toBeLessThanOrEqual(LIMITS.embedTitle)
    expect(e.description?.length ?? 0, `${where}: description length`).toBeLessThanOrEqual(LIMITS.embedDescription)
    expect(e.footer?.text.length ?? 0, `${where}: footer length`).toBeLessThanOrEqual(LIMITS.footer)
    expect(e.author?.name.length ?? 0, `${where}: author name length`).toBeLessThanOrEqual(LIMITS.authorName)
    const fields = e.fields ?? []
    expect(fields.length, `${where}: number of fields`).toBeLessThanOrEqual(LIMITS.embedFields)
    fields.forEach((f, j) => {
      // Discord refuses an empty field name or value as it refuses a long one.
      expect(f.name.length, `${where}, field ${j}: name length`).toBeGreaterThan(0)
      expect(f.name.length, `${where}, field ${j}: name length`).toBeLessThanOrEqual(LIMITS.fieldName)
      expect(f.value.length, `${where}, field ${j}: value length`).toBeGreaterThan(0)
      expect(f.value.length, `${where}, field ${j}: value length`).toBeLessThanOrEqual(LIMITS.fieldValue)
    })
    // Counted here, not with src/limits.ts embedLength, so that a mistake there cannot hide a message too long.
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0)
    for (const f of fields) total += f.name.length + f.value.length
  })
  expect(total, 'characters of all embeds together').toBeLessThanOrEqual(LIMITS.embedTotal)

  const rows = (message.components ?? []) as Component[]
  expect(rows.length, 'number of action rows').toBeLessThanOrEqual(COMPONENT_LIMITS.actionRows)
  const ids: string[] = []
  const labels: string[] = []
  rows.forEach((row, i) => {
    expect(row.type, `row ${i} is an action row`).toBe(ComponentType.ActionRow)
    const buttons = row.components ?? []
    expect(buttons.length, `row ${i}: number of components`).toBeGreaterThan(0)
    expect(buttons.length, `row ${i}: number of components`).toBeLessThanOrEqual(COMPONENT_LIMITS.componentsPerRow)
    buttons.forEach((b, j) => {
      const where = `row ${i}, button ${j}`
      expect(b.type, `${where} is a button`).toBe(ComponentType.Button)
      if (b.style === ButtonStyle.Link) {
        // A link button has a URL and no custom_id.
        expect(b.url ?? '', `${where}: url`).toMatch(/^https?:\/\//)
        expect(b.custom_id, `${where}: a link button has no custom_id`).toBeUndefined()
      } else {
        const id = b.custom_id ?? ''
        expect(id.length, `${where}: custom_id length`).toBeGreaterThan(0)
        expect(id.length, `${where}: custom_id length`).toBeLessThanOrEqual(LIMITS.customId)
        ids.push(id)
      }
      expect(b.label?.length ?? 0, `${where}: label length`).toBeLessThanOrEqual(LIMITS.buttonLabel)
      if (b.label !== undefined) labels.push(b.label)
    })
  })
  // Discord refuses a message whose components share a custom_id.
  expect(new Set(ids).size, `duplicate custom_id in ${JSON.stringify(ids)}`).toBe(ids.length)

  // Nothing a reader sees reads as a mention (custom_ids are never shown).
  for (const text of [content, ...stringsIn(embeds), ...labels]) {
    expect(text, 'a mention survives unbroken').not.toMatch(MENTION)
  }
}

/** What autocomplete may answer: at most 25 choices, each name and value 1 to 100 characters. */
export function expectChoicesWithinLimits(choices: Array<{ name: string; value: string | number }>): void {
  expect(choices.length, 'number of choices').toBeLessThanOrEqual(LIMITS.choices)
  for (const c of choices) {
    expect(c.name.length, `choice ${JSON.stringify(c)}: name length`).toBeGreaterThanOrEqual(1)
    expect(c.name.length, `choice ${JSON.stringify(c)}: name length`).toBeLessThanOrEqual(LIMITS.choiceName)
    const value = String(c.value)
    expect(value.length, `choice ${JSON.stringify(c)}: value length`).toBeGreaterThanOrEqual(1)
    expect(value.length, `choice ${JSON.stringify(c)}: value length`).toBeLessThanOrEqual(LIMITS.choiceValue)
  }
}
