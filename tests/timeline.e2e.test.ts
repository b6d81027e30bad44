// End to end: `npm run timeline` as people run it (a child process) on FA-KES, and /timeline through the bot's real
// discord.js client against the fake Discord (tests/fake-discord.ts): the reply, turning a page, and choosing an
// incident in the select menu to read its reports.

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import type { EngineClient } from '../src/runtime/client.js'
import { expectDiscordSafe, MENTION } from './discord-limits.js'
import { FakeDiscord, type InteractionOptions, type RecordedRequest } from './fake-discord.js'
import { fakesClient, HAVE_FAKES, memoryLogger, requireFakes, TEST_DATA, TEST_TOKEN, testConfig } from './helpers.js'
import { runCli } from './run-cli.js'

interface TimelineJson {
  query: string
  events: Array<{
    date: string
    kind: string
    places: string[]
    actors: string[]
    figures: Array<{ count: number; qualifier: string; kind: string; source: string; date: string; article: string }>
    articles: string[]
  }>
}

const timeline = (...args: string[]) =>
  runCli('src/cli/timeline.ts', [...args, '--corpus', requireFakes(), '--index', join(TEST_DATA, 'fakes.index.json')])

describe.skipIf(!HAVE_FAKES)('npm run timeline on FA-KES', () => {
  it('lists the Al-Quriyah air strikes once, with their tolls 47 and 58 and their outlets', async () => {
    const out = await timeline('Deir Ezzor', '--from', '2016-06-20', '--to', '2016-06-30', '--json')
    expect(out.code, out.stderr).toBe(0)
    const result = JSON.parse(out.stdout) as TimelineJson
    expect(result.query).toBe('Deir Ezzor')
    const strikes = result.events.filter((e) => e.places.includes('Al-Quriyah'))
    expect(strikes).toHaveLength(1)
    const [event] = strikes
    expect(event!.kind).toBe('air strikes')
    expect(event!.date).toBe('2016-06-25')
    const counts = event!.figures.map((f) => f.count)
    expect(counts).toContain(47)
    expect(counts).toContain(58)
    expect(event!.figures.find((f) => f.count === 47)!.source).toBe('ahram')
    expect(event!.figures.find((f) => f.count === 58)!.source).toBe('trt')
    for (const f of event!.figures)
      expect(Object.keys(f)).toEqual(['count', 'qualifier', 'kind', 'source', 'date', 'article'])
    expect(event!.articles.length).toBeGreaterThanOrEqual(2)
    for (const f of event!.figures) expect(event!.articles).toContain(f.article)
  })

  it('gives two incidents in Damascus on 5 February 2015, shelling and air strikes, one line each', async () => {
    const json = await timeline('Damascus', '--from', '2015-02-04', '--to', '2015-02-06', '--json')
    expect(json.code, json.stderr).toBe(0)
    const result = JSON.parse(json.stdout) as TimelineJson
    expect(result.events.map((e) => e.kind).sort()).toEqual(['air strikes', 'shelling'])
    const text = await timeline('Damascus', '--from', '2015-02-04', '--to', '2015-02-06')
    expect(text.code, text.stderr).toBe(0)
    const lines = text.stdout.split('\n').filter((l) => /^\d+ \w+ \d{4} · /.test(l))
    expect(lines).toHaveLength(2)
    expect(lines.some((l) => l.includes(' · air strikes · ') && /45–70 killed \(Al-Ahram\)/.test(l))).toBe(true)
    expect(lines.some((l) => l.includes(' · shelling · '))).toBe(true)
    expect(text.stdout).toMatch(/\n {4}“.+”\n {6}— Al-Ahram, 5 February 2015 · article \d+/)
  })

  it('refuses a bad date before opening the index, and a missing place, with exit code 2', async () => {
    const bad = await runCli('src/cli/timeline.ts', ['Aleppo', '--from', 'yesterday', '--corpus', '/nowhere/at/all'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^--from: "yesterday" is not a date/)
    const none = await runCli('src/cli/timeline.ts', ['--corpus', '/nowhere/at/all'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/name a place or a group/)
  })
})

/** A select-menu choice (component_type 3), which tests/fake-discord.ts has no helper for: sent by its own path. */
function sendSelect(
  fake: FakeDiscord,
  customId: string,
  values: string[],
  opts: InteractionOptions = {},
): { id: string; token: string } {
  const inner = fake as unknown as {
    interact(type: number, data: unknown, opts: InteractionOptions, message?: unknown): { id: string; token: string }
    message(channelId: string, data: Record<string, unknown>): unknown
    channelIds: Map<string, string>
  }
  const guildId = opts.guildId ?? fake.guildIds[0]!
  const channelId = opts.channelId ?? inner.channelIds.get(guildId) ?? '1'
  return inner.interact(3, { custom_id: customId, component_type: 3, values }, opts, inner.message(channelId, {}))
}

describe.skipIf(!HAVE_FAKES)('/timeline in Discord on FA-KES', () => {
  let fake: FakeDiscord
  let bot: RunningBot
  let engine: EngineClient
  beforeAll(async () => {
    engine = await fakesClient()
    fake = await FakeDiscord.start({ token: TEST_TOKEN })
    bot = await startBot({
      config: testConfig({ discordApiUrl: fake.apiUrl }),
      engine,
      log: memoryLogger().log,
    })
  })
  afterAll(async () => {
    await bot?.stop()
    await fake?.stop()
    await engine?.close()
  })

  const callbackOf = (token: string): Promise<RecordedRequest> =>
    fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'))

  /** The components of a reply: select menus checked here, buttons and embeds by expectDiscordSafe. */
  function expectSafe(data: { components?: Array<{ components: Array<Record<string, any>> }> }): void {
    const rows = data.components ?? []
    const buttons = rows.filter((r) => r.components.every((c) => c.type === 2))
    expectDiscordSafe({ ...data, components: buttons })
    for (const row of rows) {
      for (const c of row.components) {
        if (c.type !== 3) continue
        expect(c.custom_id.length).toBeLessThanOrEqual(100)
        expect(c.options.length).toBeLessThanOrEqual(25)
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(100)
          expect(o.value.length).toBeLessThanOrEqual(100)
          expect((o.description ?? '').length).toBeLessThanOrEqual(100)
          expect(`${o.label} ${o.description ?? ''}`).not.toMatch(MENTION)
        }
      }
    }
  }

  it('replies with a page of incidents, turns the page for the asker only, and opens the reports of one', async () => {
    const asker = { userId: '121212121212121212' }
    const { token } = fake.sendCommand('timeline', [{ name: 'place', type: 3, value: 'Aleppo' }], asker)
    const { body } = await callbackOf(token)
    expect(body.type).toBe(4)
    expectSafe(body.data)
    expect(body.data.content).toMatch(/^\*\*\/timeline\*\* Aleppo · \d+ incidents$/)
    const lines = (body.data.embeds[0].description as string).split('\n')
    expect(lines).toHaveLength(8)
    for (const l of lines) expect(l).toMatch(/^\*\*\d+\.\*\* \d+ \w+ \d{4} · .+ · \d+ reports?$/)
    const [selectRow, pageRow] = body.data.components
    const select = selectRow.components[0]
    expect(select.type).toBe(3)
    expect(select.placeholder).toBe('Read the reports of…')
    expect(select.options).toHaveLength(8)
    const next = pageRow.components[1]
    expect(next.custom_id).toMatch(/^tl:p:[\w-]+:1$/)

    const other = await callbackOf(fake.sendButton(next.custom_id, { userId: '343434343434343434' }).token)
    expect(other.body.data.flags).toBe(64)
    expect(other.body.data.content).toMatch(/Only the person who asked/)

    const page2 = await callbackOf(fake.sendButton(next.custom_id, asker).token)
    expect(page2.body.type).toBe(7)
    expectSafe(page2.body.data)
    expect(page2.body.data.embeds[0].description).toMatch(/^\*\*9\.\*\* /)
    expect(page2.body.data.embeds[0].footer.text).toMatch(/^Incidents 9–16 of \d+ · page 2 of /)
    const select2 = page2.body.data.components[0].components[0]
    expect(select2.custom_id).toMatch(/^tl:s:[\w-]+:1$/)

    // Anyone who sees the timeline may read an incident's reports: privately, with their quotes and outlets.
    const chosen = select2.options[0]
    expect(chosen.value).toBe('8')
    const reports = await callbackOf(
      sendSelect(fake, select2.custom_id, [chosen.value], { userId: '565656565656565656' }).token,
    )
    expect(reports.body.type).toBe(4)
    expect(reports.body.data.flags).toBe(64)
    expectSafe(reports.body.data)
    expect(reports.body.data.embeds[0].footer.text).toMatch(/^Incident 9 of \d+ · \d+ reports?/)
    expect(reports.body.data.embeds.length).toBeGreaterThan(1)
    for (const e of reports.body.data.embeds.slice(1)) expect(e.description).toMatch(/^> [^]+\n— .+ · \d+ \w+ \d{4}$/)
    const read = reports.body.data.components.at(-1).components[0]
    expect(read.custom_id).toMatch(/^article:0:\d+$/)
  })

  it('lists the Al-Quriyah air strikes with their tolls, and its reports quote 47 and 58', async () => {
    const { token } = fake.sendCommand('timeline', [
      { name: 'place', type: 3, value: 'Deir Ezzor' },
      { name: 'from', type: 3, value: '2016-06-20' },
      { name: 'to', type: 3, value: '2016-06-30' },
      { name: 'private', type: 5, value: true },
    ])
    const { body } = await callbackOf(token)
    expect(body.data.flags).toBe(64)
    expectSafe(body.data)
    expect(body.data.content).toBe('**/timeline** Deir Ezzor · from 2016-06-20 · to 2016-06-30 · 1 incident')
    expect(body.data.embeds[0].description).toMatch(
      /^\*\*1\.\*\* 25 June 2016 · air strikes · .*Al-Quriyah.* · 25–58 killed \(Al-Ahram, TRT World, Al-Araby, Daily Sabah\) · 4 reports$/,
    )
    const select = body.data.components[0].components[0]
    expect(body.data.components).toHaveLength(1)
    const reports = await callbackOf(sendSelect(fake, select.custom_id, ['0']).token)
    const quotes = reports.body.data.embeds
      .slice(1)
      .map((e: { description: string }) => e.description)
      .join('\n')
    expect(quotes).toMatch(/killed 47 people/)
    expect(quotes).toMatch(/killed 58 civilians/)
    expect(reports.body.data.embeds[0].description).toContain('47 killed (Al-Ahram, 25 June 2016)')
  })

  it('says so for a place without incidents, an unknown outlet, and an expired timeline', async () => {
    const none = await callbackOf(
      fake.sendCommand('timeline', [{ name: 'place', type: 3, value: '@everyone Atlantis' }]).token,
    )
    expectSafe(none.body.data)
    expect(none.body.data.embeds[0].title).toBe('No incident in the corpus')
    const outlet = await callbackOf(
      fake.sendCommand('timeline', [
        { name: 'place', type: 3, value: 'Aleppo' },
        { name: 'source', type: 3, value: 'Daily Planet' },
      ]).token,
    )
    expect(outlet.body.data.flags).toBe(64)
    expect(outlet.body.data.content).toContain('No outlet called “Daily Planet”')
    const stale = await callbackOf(fake.sendButton('tl:p:gone:1').token)
    expect(stale.body.data.flags).toBe(64)
    expect(stale.body.data.content).toMatch(/expired/)
    const staleSelect = await callbackOf(sendSelect(fake, 'tl:s:gone:0', ['0']).token)
    expect(staleSelect.body.data.content).toMatch(/expired/)
  })

  it('autocompletes places and groups within the limits', async () => {
    const { token } = fake.sendAutocomplete('timeline', [{ name: 'place', type: 3, value: 'alep', focused: true }])
    const { body } = await callbackOf(token)
    expect(body.type).toBe(8)
    const names = body.data.choices.map((c: { name: string }) => c.name)
    expect(names).toContain('Aleppo')
    expect(body.data.choices.length).toBeLessThanOrEqual(25)
  })
})
