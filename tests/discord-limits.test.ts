// The shared checker of tests/discord-limits.ts: LIMITS holds Discord's documented numbers, a message at every limit
// passes, and one character or item over any limit (or anything that pings) fails it.

import { describe, expect, it } from 'vitest'
import { ButtonStyle, ComponentType } from 'discord.js'
import { embedLength, LIMITS } from '../src/limits.js'
import { notice } from '../src/render/discord.js'
import { expectChoicesWithinLimits, expectDiscordSafe, type MessagePayload } from './discord-limits.js'

/** A message as the API receives it, exactly at Discord's limits: 6000 embed characters, 5 rows of 5 buttons. */
function atTheLimits(): MessagePayload & { embeds: any[]; components: any[] } {
  const fields = Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`.padEnd(20, 'n'), value: 'v'.repeat(20) }))
  return {
    content: 'c'.repeat(2000),
    embeds: [
      {
        title: 't'.repeat(256),
        description: 'd'.repeat(4096),
        footer: { text: 'x'.repeat(539) },
        author: { name: 'a'.repeat(100) },
        fields,
      },
      ...Array.from({ length: 9 }, () => ({ description: 'e' })),
    ],
    components: Array.from({ length: 5 }, (_, r) => ({
      type: ComponentType.ActionRow,
      components: Array.from({ length: 5 }, (_, b) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: `${r}:${b}:`.padEnd(100, 'i'),
        label: 'l'.repeat(80),
      })),
    })),
    allowed_mentions: { parse: [] },
  }
}

describe('Discord limits', () => {
  it('src/limits.ts holds the numbers Discord documents', () => {
    expect(LIMITS).toEqual({
      content: 2000,
      embedsPerMessage: 10,
      embedTitle: 256,
      embedDescription: 4096,
      embedFields: 25,
      fieldName: 256,
      fieldValue: 1024,
      footer: 2048,
      authorName: 256,
      embedTotal: 6000,
      choices: 25,
      choiceName: 100,
      choiceValue: 100,
      customId: 100,
      buttonLabel: 80,
    })
  })

  it('a message at every limit passes, as a payload and as a DiscordMessage', () => {
    const message = atTheLimits()
    expect(message.embeds.map(embedLength).reduce((a, b) => a + b, 0)).toBe(LIMITS.embedTotal)
    expectDiscordSafe(message)
    expectDiscordSafe(notice('A plain notice.'))
  })

  const button = (id: string) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: id,
    label: id,
  })
  // Each change breaks one limit; the failure must name that limit, not another one the change broke by accident.
  const over: Array<[string, (m: ReturnType<typeof atTheLimits>) => void, RegExp]> = [
    ['content', (m) => (m.content += 'c'), /content length/],
    ['an 11th embed', (m) => m.embeds.push({}), /number of embeds/],
    ['a title', (m) => (m.embeds[0].title += 't'), /embed 0: title length/],
    ['a description', (m) => (m.embeds[0].description += 'd'), /embed 0: description length/],
    ['a footer', (m) => (m.embeds[0].footer.text += 'f'.repeat(1510)), /embed 0: footer length/],
    ['an author name', (m) => (m.embeds[0].author.name += 'a'.repeat(157)), /embed 0: author name length/],
    ['a 26th field', (m) => m.embeds[0].fields.push({ name: 'n', value: 'v' }), /embed 0: number of fields/],
    [
      'a field name',
      (m) => (m.embeds[0].fields[0] = { name: 'n'.repeat(257), value: 'v' }),
      /embed 0, field 0: name length/,
    ],
    [
      'a field value',
      (m) => (m.embeds[0].fields[0] = { name: 'n', value: 'v'.repeat(1025) }),
      /embed 0, field 0: value length/,
    ],
    ['an empty field name', (m) => (m.embeds[0].fields[1].name = ''), /embed 0, field 1: name length/],
    ['an empty field value', (m) => (m.embeds[0].fields[1].value = ''), /embed 0, field 1: value length/],
    ['6000 characters over all embeds', (m) => (m.embeds[1].description += 'e'), /characters of all embeds together/],
    [
      'a 6th action row',
      (m) => m.components.push({ type: ComponentType.ActionRow, components: [button('sixth row')] }),
      /number of action rows/,
    ],
    [
      'a 6th button in a row',
      (m) => m.components[0].components.push(button('sixth button')),
      /row 0: number of components/,
    ],
    ['an empty action row', (m) => (m.components[0].components = []), /row 0: number of components/],
    ['a row that is not an action row', (m) => (m.components[0].type = ComponentType.Button), /row 0 is an action row/],
    ['a custom_id', (m) => (m.components[0].components[0].custom_id += 'i'), /row 0, button 0: custom_id length/],
    ['an empty custom_id', (m) => (m.components[0].components[0].custom_id = ''), /row 0, button 0: custom_id length/],
    [
      'two buttons with one custom_id',
      (m) => (m.components[1].components[1].custom_id = m.components[0].components[0].custom_id),
      /duplicate custom_id/,
    ],
    ['a button label', (m) => (m.components[0].components[0].label += 'l'), /row 0, button 0: label length/],
    [
      'allowed_mentions left to parse',
      (m) => (m.allowed_mentions = { parse: ['users'] }),
      /allowed_mentions must parse nothing/,
    ],
    ['allowed_mentions missing', (m) => delete m.allowed_mentions, /allowed_mentions must parse nothing/],
    ['@everyone in the content', (m) => (m.content = 'hello @everyone'), /a mention survives unbroken/],
    ['@here in a title', (m) => (m.embeds[0].title = 'to @HERE'.padEnd(256, 't')), /a mention survives unbroken/],
    [
      'a user mention in a field',
      (m) => (m.embeds[0].fields[0].value = 'by <@1234567890123>'),
      /a mention survives unbroken/,
    ],
    [
      'a role mention in a footer',
      (m) => (m.embeds[0].footer.text = '<@&123456789012345678>'),
      /a mention survives unbroken/,
    ],
    [
      'a channel mention in an author name',
      (m) => (m.embeds[0].author.name = '<#123456789012345678>'),
      /a mention survives unbroken/,
    ],
    [
      'a command mention in a description',
      (m) => (m.embeds[0].description = '</ask:1>'.padEnd(4096, 'd')),
      /a mention survives unbroken/,
    ],
    ['a mention in a link', (m) => (m.embeds[1].url = 'https://example.com/@everyone'), /a mention survives unbroken/],
    [
      'a mention in a button label',
      (m) => (m.components[0].components[0].label = '@everyone'),
      /a mention survives unbroken/,
    ],
  ]

  it.each(over)('fails on %s', (_what, change, reason) => {
    const message = atTheLimits()
    change(message)
    expect(() => expectDiscordSafe(message)).toThrow(reason)
  })

  it('autocomplete choices: 25 of 1 to 100 characters pass; more, longer or empty fail', () => {
    const choice = (name: string, value = name) => ({ name, value })
    expectChoicesWithinLimits(Array.from({ length: 25 }, () => choice('n'.repeat(100))))
    expect(() => expectChoicesWithinLimits(Array.from({ length: 26 }, () => choice('n')))).toThrow()
    expect(() => expectChoicesWithinLimits([choice('n'.repeat(101))])).toThrow()
    expect(() => expectChoicesWithinLimits([choice('n', 'v'.repeat(101))])).toThrow()
    expect(() => expectChoicesWithinLimits([choice('')])).toThrow()
    expect(() => expectChoicesWithinLimits([choice('n', '')])).toThrow()
  })
})
