// End to end: the bot's real discord.js Client, started by the same startBot as in production (only the REST URL
// differs), against the fake Discord of tests/fake-discord.ts. Assertions are on what Discord would receive.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, readdirSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { PermissionFlagsBits } from 'discord.js'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import { COMMAND_LIST } from '../src/bot/commands.js'
import type { EngineClient } from '../src/runtime/client.js'
import { expectChoicesWithinLimits, expectDiscordSafe } from './discord-limits.js'
import { FakeDiscord, type RecordedRequest } from './fake-discord.js'
import {
  fakesClient,
  HAVE_FAKES,
  memoryLogger,
  openClient,
  seedClient,
  seedCorpusCopy,
  TEST_DATA,
  TEST_TOKEN,
  testConfig,
  type MemoryLog,
} from './helpers.js'

const BBC_BREACH =
  "US-backed Syrian forces have breached the wall at Raqqa's Old City as they try to retake the city from so-called Islamic State, the US military says."

interface Harness {
  fake: FakeDiscord
  bot: RunningBot
  logs: MemoryLog
  engine: EngineClient
}

/** The bot as production runs it: the real client, startBot, and the engine in a worker thread (EngineClient). */
async function harness(engine: EngineClient, config: Parameters<typeof testConfig>[0] = {}): Promise<Harness> {
  const fake = await FakeDiscord.start({ token: TEST_TOKEN, roles: config.moderatorRoleIds ?? [] })
  const logs = memoryLogger()
  const bot = await startBot({ config: testConfig({ discordApiUrl: fake.apiUrl, ...config }), engine, log: logs.log })
  return { fake, bot, logs, engine }
}

async function close(h: Harness | undefined): Promise<void> {
  if (!h) return
  await h.bot.stop()
  await h.fake.stop()
  await h.engine.close()
}

/** The first response Discord receives for an interaction (the callback). */
function callbackOf(fake: FakeDiscord, token: string): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'))
}

/** A message body as a reader sees it: quote markers, bold and escapes removed. */
function plain(markdown: string): string {
  return markdown
    .split('\n')
    .map((l) => l.replace(/^> /, ''))
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\([\\*_`~|>#[\]()-])/g, '$1')
}

describe('the bot answering on the seed corpus', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await seedClient())
  })
  afterAll(() => close(h))

  it('/when quotes the BBC sentence word for word, dated by the article, attributed, with no mentions parsed', async () => {
    const { token } = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: "when did the SDF breach the wall of Raqqa's old city?" },
    ])
    const cb = await callbackOf(h.fake, token)
    expect(cb.body.type).toBe(4)
    const data = cb.body.data
    expect(data.allowed_mentions).toEqual({ parse: [] })
    expect(data.flags ?? 0).toBe(0)
    // Fox's "Monday" dates its answer (to its article's month), the BBC's by its article's day: found by outlet.
    const byOutlet = (outlet: string) =>
      data.embeds.find((e: { description: string }) => e.description.includes(`— ${outlet} · `))
    const bbc = byOutlet('BBC')
    const fox = byOutlet('Fox News')
    expect(bbc.title).toBe("Reported Tuesday 4 July 2017 (the article's date; the quote names no day)")
    expect(plain(bbc.description)).toContain(BBC_BREACH)
    expect(bbc.description).toContain('**breached**')
    expect(bbc.description).toContain('— BBC · 4 July 2017 · untitled (id 000\\_43f17e4488e5f64a)')
    expect(fox.title).toBe('Monday, in July 2017')
    expect(plain(fox.description)).toContain(
      'Syrian Democratic Forces breached the Old City of Raqqa after overcoming heavy push back from Islamic State militants Monday',
    )
    expect(fox.description).toContain('— Fox News · July 2017')
    expectDiscordSafe(data)
  })

  it('/who names who acted first: US-backed forces, the SDF as the BBC names them elsewhere (BBC), the SDF (Fox News)', async () => {
    const { token } = h.fake.sendCommand('who', [
      { name: 'question', type: 3, value: 'who breached the wall of the old city of Raqqa' },
    ])
    const { body } = await callbackOf(h.fake, token)
    const titles = body.data.embeds.map((e: { title: string }) => e.title)
    expect(titles[0]).toMatch(/^US-backed forces \(Syrian Democratic Forces\) · /)
    expect(titles[1]).toMatch(/^Syrian Democratic Forces · /)
    expect(body.data.embeds[0].description).toContain('\n— BBC · ')
    expect(body.data.embeds[1].description).toContain('\n— Fox News · ')
  })

  it("/where answers Raqqa's Old City", async () => {
    const { token } = h.fake.sendCommand('where', [
      { name: 'question', type: 3, value: 'where did the SDF breach the Rafiqah Wall' },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
  })

  it('/casualties gives the reported figure with its qualifier', async () => {
    const { token } = h.fake.sendCommand('casualties', [
      { name: 'question', type: 3, value: 'how many were killed in Raqqa in June' },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.embeds[0].title).toBe('at least 173 killed')
    expect(plain(body.data.embeds[0].description)).toContain('The UN says that at least 173 were killed in June')
  })

  it('/ask returns the passages that match, from both outlets', async () => {
    const { token } = h.fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
    const { body } = await callbackOf(h.fake, token)
    // Headed by the command the user typed, never the engine's name for it.
    expect(body.data.content).toMatch(/^\*\*\/ask\*\* Rafiqah Wall · 2 answers$/)
    expect(body.data.embeds).toHaveLength(2)
    for (const e of body.data.embeds) expect(e.description).toContain('**Rafiqah Wall**')
    const outlets = body.data.embeds.map((e: { description: string }) => /\n— ([^·\n]+) · /.exec(e.description)?.[1])
    expect(outlets.sort()).toEqual(['BBC', 'Fox News'])
  })

  it('says plainly when nothing answers, and suggests what to try', async () => {
    const { token } = h.fake.sendCommand('casualties', [
      { name: 'question', type: 3, value: 'hurricane Katrina New Orleans flooding' },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.embeds[0].title).toBe('No answer in the corpus')
    expect(body.data.embeds[0].description).toMatch(/Try/)
  })

  it('replies privately when asked to', async () => {
    const { token } = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: 'when did IS seize Raqqa' },
      { name: 'private', type: 5, value: true },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.flags).toBe(64)
    expect(body.data.embeds[0].title).toBe('2014')
  })

  it('never lets user text ping: mentions are broken and not parsed', async () => {
    const { token } = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: '@everyone <@&123456789012345678> **when** did the SDF breach the wall' },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.allowed_mentions).toEqual({ parse: [] })
    expectDiscordSafe(body.data)
    expect(body.data.content).not.toMatch(/@everyone|<@&/)
    expect(body.data.content).toContain('@\u200beveryone')
    expect(body.data.content).toContain('\\*\\*when\\*\\*')
  })

  it('autocompletes questions from the corpus and sources from its outlets, within the limits', async () => {
    const q = h.fake.sendAutocomplete('when', [{ name: 'question', type: 3, value: 'raq', focused: true }])
    const { body } = await callbackOf(h.fake, q.token)
    expect(body.type).toBe(8)
    const names = body.data.choices.map((c: { name: string }) => c.name)
    expect(names).toContain('Raqqa')
    expectChoicesWithinLimits(body.data.choices)
    const s = h.fake.sendAutocomplete('when', [
      { name: 'question', type: 3, value: 'Raqqa' },
      { name: 'source', type: 3, value: 'fox', focused: true },
    ])
    const sources = await callbackOf(h.fake, s.token)
    expect(sources.body.data.choices).toEqual([{ name: 'Fox News (1 article)', value: 'Fox News' }])
  })

  it('takes a source given by its name instead of its value, and refuses an unknown one', async () => {
    const ok = h.fake.sendCommand('casualties', [
      { name: 'question', type: 3, value: 'killed in June' },
      { name: 'source', type: 3, value: 'BBC (1 article)' },
    ])
    expect((await callbackOf(h.fake, ok.token)).body.data.embeds[0].title).toBe('at least 173 killed')
    const bad = h.fake.sendCommand('casualties', [
      { name: 'question', type: 3, value: 'killed in June' },
      { name: 'source', type: 3, value: 'Daily Planet' },
    ])
    const refused = await callbackOf(h.fake, bad.token)
    expect(refused.body.data.flags).toBe(64)
    expect(refused.body.data.content).toContain('No outlet called “Daily Planet”')
  })

  it('opens the full article privately from an answer, and /article shows it with its outlet and date', async () => {
    const press = h.fake.sendButton('article:0:000_43f17e4488e5f64a')
    const { body } = await callbackOf(h.fake, press.token)
    expect(body.type).toBe(4)
    expect(body.data.flags).toBe(64)
    expect(plain(body.data.embeds[0].description)).toContain('IS seized Raqqa in 2014')
    const cmd = h.fake.sendCommand('article', [{ name: 'id', type: 3, value: '004_db9c0c4a30508cae' }])
    const article = await callbackOf(h.fake, cmd.token)
    const fields = article.body.data.embeds[0].fields
    expect(fields.find((f: { name: string }) => f.name === 'Outlet').value).toBe('Fox News')
    expect(fields.find((f: { name: string }) => f.name === 'Date').value).toBe('July 2017')
    expect(fields.find((f: { name: string }) => f.name === 'Link').value).toBe('not known')
  })

  it('answers stale buttons and unknown commands instead of failing', async () => {
    const stale = h.fake.sendButton('page:gone:1')
    const a = await callbackOf(h.fake, stale.token)
    expect(a.body.data.flags).toBe(64)
    expect(a.body.data.content).toMatch(/expired/)
    const old = h.fake.sendButton('vote:yes')
    expect((await callbackOf(h.fake, old.token)).body.data.content).toMatch(/older message/)
    const unknown = h.fake.sendCommand('weather', [])
    const u = await callbackOf(h.fake, unknown.token)
    expect(u.body.data.flags).toBe(64)
    expect(u.body.data.content).toContain('/weather')
  })

  it('/sources, /stats and /help reply', async () => {
    for (const name of ['sources', 'stats', 'help']) {
      const { token } = h.fake.sendCommand(name, [])
      const { body } = await callbackOf(h.fake, token)
      expect(body.type).toBe(4)
      expect(body.data.embeds[0].title).toBeTruthy()
      expectDiscordSafe(body.data)
    }
  })

  it('/help lists every command of the registry, and the no-answer hints name /ask', async () => {
    const help = await callbackOf(h.fake, h.fake.sendCommand('help', []).token)
    const text: string = help.body.data.embeds[0].description
    for (const c of COMMAND_LIST) expect(text).toContain(`**/${c.data.name}**`)
    expect(text).not.toContain('/search')
    const none = await callbackOf(
      h.fake,
      h.fake.sendCommand('casualties', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }]).token,
    )
    expect(none.body.data.embeds[0].description).toContain('Try /ask to read them.')
    expect(JSON.stringify(none.body.data)).not.toContain('/search')
  })

  it('on an error, tells the user briefly and privately and logs the details', async () => {
    const engine = h.bot.ctx.engine
    const real = engine.answer.bind(engine)
    engine.answer = (command, question, options) => {
      if (question.includes('explode')) throw new Error('boom inside the engine')
      return real(command, question, options)
    }
    try {
      const { token } = h.fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'explode' }])
      const { body } = await callbackOf(h.fake, token)
      expect(body.data.flags).toBe(64)
      expect(body.data.content).toBe('Something went wrong while answering. It has been logged; please try again.')
      const logged = h.logs.entries().find((e) => e.msg === 'interaction failed')
      expect((logged?.err as { message: string }).message).toBe('boom inside the engine')
    } finally {
      engine.answer = real
    }
  })

  it('a 429 on a reply is waited out and the reply still arrives', async () => {
    h.fake.failNext(
      { method: 'POST', pathIncludes: '/callback' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'retry-after': '0.05' },
      },
    )
    const { token } = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
    const callbacks = () => h.fake.responsesFor(token).filter((r) => r.path.endsWith('/callback'))
    await h.fake.waitForRequest(() => callbacks().length >= 2)
    const [limited, retried] = callbacks()
    expect(retried!.body).toEqual(limited!.body)
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(45)
    expect(retried!.body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
  })

  it('resumes after the gateway drops and answers what comes next', async () => {
    const before = h.fake.resumes
    h.fake.closeGateway(4000)
    await h.fake.waitForReady(1, 10_000)
    expect(h.fake.resumes).toBe(before + 1)
    const { token } = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
    expect((await callbackOf(h.fake, token)).body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
  })

  it('never prints the token', () => {
    expect(h.logs.lines.join('\n')).not.toContain(TEST_TOKEN)
    expect(h.logs.lines.join('\n')).not.toContain(TEST_TOKEN.split('.')[2])
  })
})

describe.skipIf(!HAVE_FAKES)('paging through answers on FA-KES', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await fakesClient())
  })
  afterAll(() => close(h))

  it('shows three answers a page, figures side by side, and turns pages for the asker only', async () => {
    const asker = '111111111111111111'
    const { token } = h.fake.sendCommand(
      'casualties',
      [{ name: 'question', type: 3, value: 'barrel bombs kill children in Aleppo' }],
      { userId: asker },
    )
    const { body } = await callbackOf(h.fake, token)
    expectDiscordSafe(body.data)
    expect(body.data.embeds[0].title).toBe('Figures differ between outlets')
    expect(body.data.embeds.length).toBe(4)
    const next = body.data.components[0].components[1]
    expect(next.custom_id).toMatch(/^page:[\w-]+:1$/)
    expect(next.disabled).toBe(false)

    const other = h.fake.sendButton(next.custom_id, { userId: '222222222222222222' })
    const refused = await callbackOf(h.fake, other.token)
    expect(refused.body.data.flags).toBe(64)
    expect(refused.body.data.content).toMatch(/Only the person who asked/)

    const press = h.fake.sendButton(next.custom_id, { userId: asker })
    const page2 = await callbackOf(h.fake, press.token)
    expect(page2.body.type).toBe(7)
    expect(page2.body.data.embeds.at(-1).footer.text).toMatch(/^6 of /)
    expectDiscordSafe(page2.body.data)
  })

  it('the pages of /ask are headed /ask', async () => {
    const asker = { userId: '333333333333333333' }
    const asked = await callbackOf(
      h.fake,
      h.fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'chemical attack' }], asker).token,
    )
    expect(asked.body.data.content).toMatch(/^\*\*\/ask\*\* chemical attack · \d+ answers$/)
    const next = asked.body.data.components[0].components[1]
    expect(next.custom_id).toMatch(/^page:[\w-]+:1$/)
    const page2 = await callbackOf(h.fake, h.fake.sendButton(next.custom_id, asker).token)
    expect(page2.body.data.content).toMatch(/^\*\*\/ask\*\* chemical attack · \d+ answers$/)
  })
})

describe('moderators reindex while questions go on', () => {
  let h: Harness
  let corpus: string
  beforeAll(async () => {
    corpus = seedCorpusCopy()
    const indexPath = join(TEST_DATA, `reindex-${process.pid}.index.json`)
    h = await harness(await openClient(corpus, indexPath), { corpusDir: corpus, indexPath })
  })
  afterAll(() => close(h))

  it('refuses a member without Manage Server and logs who tried', async () => {
    const { token } = h.fake.sendCommand('reindex', [], {
      userId: '333333333333333333',
      username: 'mallory',
      permissions: '0',
    })
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.flags).toBe(64)
    expect(body.data.content).toBe('Only moderators can reindex.')
    const refusal = h.logs.entries().find((e) => e.msg === 'reindex refused: not a moderator')
    expect(refusal).toMatchObject({ userId: '333333333333333333', user: 'mallory' })
  })

  it('rebuilds with Manage Server, answering other questions meanwhile, and reports what changed', async () => {
    writeFileSync(
      join(corpus, 'added.md'),
      '---\nid: added-1\ntitle: "A test article"\nsource: Test Wire\ndate: 2017-07-05\n---\nThe Rafiqah Wall was breached again on Wednesday.\n',
    )
    writeFileSync(join(corpus, 'broken.md'), '---\nid: broken\ntitle: [unclosed\n---\nText.\n')
    const manageGuild = String(PermissionFlagsBits.ManageGuild)
    const reindex = h.fake.sendCommand('reindex', [], { permissions: manageGuild })
    const deferred = await callbackOf(h.fake, reindex.token)
    expect(deferred.body.type).toBe(5)
    expect(deferred.body.data.flags).toBe(64)

    const question = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
    const answered = await callbackOf(h.fake, question.token)
    const report = await h.fake.waitForRequest((r) => r.path.includes(reindex.token) && r.method === 'PATCH', 20_000)
    expect(answered.at).toBeLessThan(report.at)

    const embed = report.body.embeds[0]
    expect(embed.title).toBe('Reindexed')
    expect(embed.description).toMatch(/^Articles 2 → 3 · passages 32 → 34 · [\d.]+ s$/)
    expect(embed.fields[0]).toEqual({ name: 'Added (1)', value: 'added-1' })
    expect(embed.fields[2].name).toBe('Skipped (1)')
    expect(embed.fields[2].value).toContain('broken.md:3: front matter is not valid YAML')

    const after = h.fake.sendCommand('when', [{ name: 'question', type: 3, value: 'Rafiqah Wall breached again' }])
    const answer = await callbackOf(h.fake, after.token)
    expect(answer.body.data.embeds[0].title).toBe('Wednesday 5 July 2017')
  })

  it('keeps the old index answering when the rebuild fails', async () => {
    renameSync(corpus, `${corpus}-gone`)
    try {
      const reindex = h.fake.sendCommand('reindex', [], { permissions: String(PermissionFlagsBits.Administrator) })
      const report = await h.fake.waitForRequest((r) => r.path.includes(reindex.token) && r.method === 'PATCH', 20_000)
      expect(report.body.content).toMatch(/^The reindex failed: corpus not found/)
      expect(report.body.content).toContain('The previous index (3 articles) is still answering.')
      const q = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
      expect((await callbackOf(h.fake, q.token)).body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
    } finally {
      renameSync(`${corpus}-gone`, corpus)
    }
  })

  it('refuses to swap the index for an emptied or much smaller corpus, unless forced, and never for an empty one', async () => {
    const admin = { permissions: String(PermissionFlagsBits.Administrator) }
    const hold = `${corpus}-hold`
    mkdirSync(hold)
    const files = readdirSync(corpus)
    for (const f of files) renameSync(join(corpus, f), join(hold, f))
    try {
      const emptied = h.fake.sendCommand('reindex', [{ name: 'force', type: 5, value: true }], admin)
      const refused = await h.fake.waitForRequest((r) => r.path.includes(emptied.token) && r.method === 'PATCH', 20_000)
      expect(refused.body.content).toMatch(
        /^The reindex failed: the corpus .* has no article that loads; the index keeps its 3 articles\. Nothing was replaced\./,
      )
      expect(refused.body.content).toContain('The previous index (3 articles) is still answering.')

      renameSync(join(hold, 'seed-bbc-raqqa-old-city-wall.md'), join(corpus, 'seed-bbc-raqqa-old-city-wall.md'))
      const halved = h.fake.sendCommand('reindex', [], admin)
      const asked = await h.fake.waitForRequest((r) => r.path.includes(halved.token) && r.method === 'PATCH', 20_000)
      expect(asked.body.content).toMatch(
        /now loads 1 articles, fewer than half of the 3 indexed\. Nothing was replaced; reindex with force/,
      )
      const q = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
      expect((await callbackOf(h.fake, q.token)).body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)

      const forced = h.fake.sendCommand('reindex', [{ name: 'force', type: 5, value: true }], admin)
      const done = await h.fake.waitForRequest((r) => r.path.includes(forced.token) && r.method === 'PATCH', 20_000)
      expect(done.body.embeds[0].description).toMatch(/^Articles 3 → 1 · /)
    } finally {
      for (const f of readdirSync(hold)) renameSync(join(hold, f), join(corpus, f))
    }
  })
})

describe('the per-user cooldown', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await seedClient(), { cooldownSeconds: 30 })
  })
  afterAll(() => close(h))

  it('answers the first question and asks the same user to wait before the next', async () => {
    const user = '444444444444444444'
    const first = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }], { userId: user })
    expect((await callbackOf(h.fake, first.token)).body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
    const second = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }], { userId: user })
    const wait = await callbackOf(h.fake, second.token)
    expect(wait.body.data.flags).toBe(64)
    expect(wait.body.data.content).toMatch(/^One moment: you can ask again in \d+ s\.$/)
    const someoneElse = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }], {
      userId: '555555555555555555',
    })
    expect((await callbackOf(h.fake, someoneElse.token)).body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
  })
})

describe('MODERATOR_ROLE_IDS', () => {
  let h: Harness
  const moderators = '777777777777777777'
  beforeAll(async () => {
    const corpus = seedCorpusCopy()
    const indexPath = join(TEST_DATA, `roles-${process.pid}.index.json`)
    h = await harness(await openClient(corpus, indexPath), {
      corpusDir: corpus,
      indexPath,
      moderatorRoleIds: [moderators],
    })
  })
  afterAll(() => close(h))

  it('with roles set, Manage Server alone is refused (and logged); the role is enough', async () => {
    const manager = h.fake.sendCommand('reindex', [], {
      userId: '888888888888888888',
      username: 'manager',
      permissions: String(PermissionFlagsBits.ManageGuild),
    })
    expect((await callbackOf(h.fake, manager.token)).body.data.content).toBe('Only moderators can reindex.')
    expect(h.logs.entries().find((e) => e.msg === 'reindex refused: not a moderator')).toMatchObject({
      userId: '888888888888888888',
      user: 'manager',
    })
    const moderator = h.fake.sendCommand('reindex', [], { roles: [moderators] })
    expect((await callbackOf(h.fake, moderator.token)).body.type).toBe(5)
    const report = await h.fake.waitForRequest((r) => r.path.includes(moderator.token) && r.method === 'PATCH', 20_000)
    expect(report.body.embeds[0].title).toBe('Reindexed')
  })
})
