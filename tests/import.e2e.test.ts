// End to end: moderators adding and removing articles from Discord. The bot's real discord.js Client (startBot, the
// engine in a worker thread) against the fake Discord of tests/fake-discord.ts, which serves the attached files as
// Discord's CDN would. Assertions are on what Discord would receive, and on the corpus folder.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PermissionFlagsBits } from 'discord.js'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import type { EngineClient } from '../src/runtime/client.js'
import type { Config } from '../src/config.js'
import { expectChoicesWithinLimits, expectDiscordSafe } from './discord-limits.js'
import { FakeDiscord, type FakeAttachment, type RecordedRequest } from './fake-discord.js'
import {
  memoryLogger,
  openClient,
  seedCorpusCopy,
  TEST_DATA,
  TEST_TOKEN,
  testConfig,
  type MemoryLog,
} from './helpers.js'

interface Harness {
  fake: FakeDiscord
  bot: RunningBot
  logs: MemoryLog
  engine: EngineClient
  corpus: string
}

const MODERATOR = '123456789012345678'
const SOMEONE = '876543210987654321'
const mod = { userId: MODERATOR, username: 'moderator', permissions: String(PermissionFlagsBits.ManageGuild) }
/** The moderator pressing a button of their own message, still holding Manage Server. */
const asModerator = mod

/** The bot over a private copy of the seed corpus, its own index and import log. */
async function harness(name: string, config: Partial<Config> = {}, confirmTtlMs?: number): Promise<Harness> {
  const corpus = seedCorpusCopy()
  const indexPath = join(TEST_DATA, `import-${name}-${process.pid}.index.json`)
  const engine = await openClient(corpus, indexPath)
  const fake = await FakeDiscord.start({ token: TEST_TOKEN })
  const logs = memoryLogger()
  const bot = await startBot({
    config: testConfig({
      discordApiUrl: fake.apiUrl,
      corpusDir: corpus,
      indexPath,
      importLogPath: join(corpus, '..', 'data', 'imports.jsonl'),
      ...config,
    }),
    engine,
    log: logs.log,
    ...(confirmTtlMs === undefined ? {} : { confirmTtlMs }),
  })
  return { fake, bot, logs, engine, corpus }
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

/** The edit of a deferred or updated reply (PATCH @original). */
function editOf(fake: FakeDiscord, token: string, timeoutMs = 20_000): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.path.includes(token) && r.method === 'PATCH', timeoutMs)
}

/** /import with the file attached. */
function sendImport(h: Harness, file: FakeAttachment, options: object[] = [], opts: object = mod) {
  return h.fake.sendCommand('import', [{ name: 'file', type: 11, value: file.id }, ...options], {
    ...opts,
    attachments: [file],
  })
}

/** The names and contents of the corpus folder's files: what must not change when nothing is imported. */
function snapshot(corpus: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(corpus)
      .sort()
      .map((f) => [f, readFileSync(join(corpus, f), 'utf8')]),
  )
}

function downloadsOf(fake: FakeDiscord, file: FakeAttachment): RecordedRequest[] {
  return fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/attachments/${file.id}/`))
}

/** The custom id of the button labelled `label` (Add…, Cancel, Remove) in a message body. */
function buttonId(
  body: { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> },
  label: RegExp,
): string {
  const button = (body.components ?? []).flatMap((r) => r.components).find((b) => label.test(b.label ?? ''))
  if (!button?.custom_id) throw new Error(`no button ${label} in ${JSON.stringify(body.components)}`)
  return button.custom_id
}

const jsonl = (...rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const TABQA = {
  id: 'tabqa-dam-1',
  title: 'SDF capture the Tabqa Dam',
  source: 'Test Wire',
  date: '2017-05-10',
  body: 'The Syrian Democratic Forces captured the Tabqa Dam from Islamic State on Wednesday, the US-led coalition said.\n',
}
const HOMS = {
  id: 'homs-market-1',
  title: 'Shelling hits Homs market',
  source: 'BBC',
  date: '2016-02-21',
  body: 'Shelling hit a crowded market in Homs on Sunday, monitors said.\n',
}

describe('/import and /remove through Discord', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness('main')
  })
  afterAll(() => close(h))

  it('refuses a member who is not a moderator, logs who tried, and downloads nothing', async () => {
    const file = h.fake.attachment('articles.jsonl', jsonl(TABQA))
    const before = snapshot(h.corpus)
    const { token } = sendImport(h, file, [], { userId: SOMEONE, username: 'mallory', permissions: '0' })
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.flags).toBe(64)
    expect(body.data.content).toBe('Only moderators can import articles.')
    expect(h.logs.entries().find((e) => e.msg === 'import refused: not a moderator')).toMatchObject({
      userId: SOMEONE,
      user: 'mallory',
    })
    for (const name of ['imports', 'remove']) {
      const other = h.fake.sendCommand(name, name === 'remove' ? [{ name: 'id', type: 3, value: 'x' }] : [], {
        userId: SOMEONE,
        permissions: '0',
      })
      expect((await callbackOf(h.fake, other.token)).body.data.content).toMatch(/^Only moderators can /)
    }
    expect(downloadsOf(h.fake, file)).toEqual([])
    expect(snapshot(h.corpus)).toEqual(before)
  })

  it('previews privately: articles by outlet and date range, new ids, every skipped row with its reason; buttons for its moderator only; Cancel writes nothing', async () => {
    const file = h.fake.attachment(
      'articles.jsonl',
      jsonl(TABQA, HOMS, { id: 'no-body', title: 'Nothing here' }, { ...HOMS, id: 'bad-date', date: 'soon' }),
    )
    const before = snapshot(h.corpus)
    const { token } = sendImport(h, file, [{ name: 'reindex', type: 5, value: true }])
    const deferred = await callbackOf(h.fake, token)
    expect(deferred.body.type).toBe(5)
    expect(deferred.body.data.flags).toBe(64)
    const preview = await editOf(h.fake, token)
    expectDiscordSafe(preview.body)
    const embed = preview.body.embeds[0]
    expect(embed.title).toBe('Import articles.jsonl?')
    expect(embed.description).toContain(
      '2 articles in the file: **2** new, **0** would update an earlier import, 0 already in the corpus unchanged, 2 skipped.',
    )
    expect(embed.description).toContain('The corpus folder loads 2 articles now.')
    const field = (name: RegExp) => embed.fields.find((f: { name: string }) => name.test(f.name))?.value
    expect(field(/^Outlets/)).toBe('**BBC** · 1 article · 21 February 2016\n**Test Wire** · 1 article · 10 May 2017')
    expect(field(/^New \(2\)/)).toBe('tabqa-dam-1, homs-market-1')
    expect(field(/^Skipped \(2\)/)).toBe(
      '• articles.jsonl:3: no body\n• articles.jsonl:4: unparseable date "soon" (use YYYY-MM-DD, YYYY-MM, YYYY or M/D/YYYY)',
    )
    expect(downloadsOf(h.fake, file)).toHaveLength(1)
    const add = buttonId(preview.body, /^Add 2 articles and reindex$/)
    const cancel = buttonId(preview.body, /^Cancel$/)

    // Someone else's press changes nothing, and does not use the buttons up.
    const other = h.fake.sendButton(add, { userId: SOMEONE })
    const refused = await callbackOf(h.fake, other.token)
    expect(refused.body.data.flags).toBe(64)
    expect(refused.body.data.content).toBe(
      'Only the moderator who ran /import can confirm or cancel it; nothing was changed.',
    )
    expect(snapshot(h.corpus)).toEqual(before)

    // Its own moderator, whose Manage Server was taken away meanwhile, cannot add either.
    const demoted = await callbackOf(h.fake, h.fake.sendButton(add, { ...asModerator, permissions: '0' }).token)
    expect(demoted.body.data.content).toBe('Only moderators can confirm /import; nothing was changed.')
    expect(snapshot(h.corpus)).toEqual(before)

    const cancelled = await callbackOf(h.fake, h.fake.sendButton(cancel, asModerator).token)
    expect(cancelled.body.type).toBe(7)
    expect(cancelled.body.data.content).toBe('Import of articles.jsonl cancelled; nothing was written.')
    expect(cancelled.body.data.components).toEqual([])
    // Once cancelled, Add finds nothing.
    const late = await callbackOf(h.fake, h.fake.sendButton(add, asModerator).token)
    expect(late.body.data.content).toMatch(/^This confirmation has expired/)
    expect(snapshot(h.corpus)).toEqual(before)
  })

  it('Add with reindex writes the articles, rebuilds, reports before/after counts, and the new article answers', async () => {
    const file = h.fake.attachment('tabqa.jsonl', jsonl(TABQA))
    const { token } = sendImport(h, file, [{ name: 'reindex', type: 5, value: true }])
    const preview = await editOf(h.fake, token)
    const press = h.fake.sendButton(buttonId(preview.body, /^Add 1 article and reindex$/), asModerator)
    const progress = await callbackOf(h.fake, press.token)
    expect(progress.body.type).toBe(7)
    expect(progress.body.data.content).toBe('Adding the articles of tabqa.jsonl…')
    const done = await editOf(h.fake, press.token)
    expectDiscordSafe(done.body)
    const [imported, reindexed] = done.body.embeds
    expect(imported.title).toBe('Imported tabqa.jsonl')
    expect(imported.description).toBe(
      '1 added, 0 updated, 0 unchanged, 0 skipped; the corpus folder now loads 3 articles (2 before).',
    )
    expect(reindexed.title).toBe('Reindexed')
    expect(reindexed.description).toMatch(/^Articles 2 → 3 · /)
    expect(reindexed.fields[0]).toEqual({ name: 'Added (1)', value: 'tabqa-dam-1' })
    expect(readFileSync(join(h.corpus, 'tabqa-dam-1.md'), 'utf8')).toContain('imported: "')

    const asked = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: 'when did the SDF capture the Tabqa Dam' },
    ])
    const answer = await callbackOf(h.fake, asked.token)
    expect(answer.body.data.embeds[0].title).toBe('Wednesday 10 May 2017')
    expect(answer.body.data.embeds[0].description).toContain('— Test Wire · 10 May 2017 · SDF capture the Tabqa Dam')
  })

  it('a second import of the same ids shows which would update the earlier import and which are unchanged', async () => {
    const file = h.fake.attachment(
      'tabqa-v2.jsonl',
      jsonl(
        { ...TABQA, body: `${TABQA.body}The dam is the largest in Syria.\n` },
        { ...HOMS, id: '000_43f17e4488e5f64a' },
      ),
    )
    const preview = await editOf(h.fake, sendImport(h, file).token)
    const embed = preview.body.embeds[0]
    expect(embed.fields.find((f: { name: string }) => f.name === 'Would update an earlier import (1)')?.value).toBe(
      'tabqa-dam-1 (tabqa-dam-1.md)',
    )
    // The seed's id lives in a file no import wrote: skipped, with its reason.
    expect(embed.fields.find((f: { name: string }) => f.name === 'Skipped (1)')?.value).toContain(
      'article 000\\_43f17e4488e5f64a is already in seed-bbc-raqqa-old-city-wall.md, a file that import did not write',
    )
    const press = h.fake.sendButton(buttonId(preview.body, /^Add 1 article$/), asModerator)
    const done = await editOf(h.fake, press.token)
    expect(done.body.embeds[0].description).toBe(
      '0 added, 1 updated, 0 unchanged, 1 skipped; the corpus folder now loads 3 articles (3 before).\nRun /reindex to answer from them.',
    )
    expect(done.body.embeds).toHaveLength(1)
    expect(readFileSync(join(h.corpus, 'tabqa-dam-1.md'), 'utf8')).toContain('The dam is the largest in Syria.')
  })

  it('sends every skipped row: those that do not fit in the preview come as skipped.txt', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: `empty-${i}`, title: `Empty ${i}` }))
    const file = h.fake.attachment('many.jsonl', jsonl(HOMS, ...rows))
    const preview = await editOf(h.fake, sendImport(h, file).token)
    expectDiscordSafe(preview.body)
    const skipped = preview.body.embeds[0].fields.find((f: { name: string }) => f.name === 'Skipped (60)')
    expect(skipped.value).toMatch(/\n… and \d+ more, all in skipped\.txt$/)
    expect(preview.body.files).toEqual([{ name: 'skipped.txt', size: expect.any(Number) }])
  })

  it('refuses bad input with a clear private message and changes nothing', async () => {
    const before = snapshot(h.corpus)
    const immediate = async (file: FakeAttachment) => {
      const { body } = await callbackOf(h.fake, sendImport(h, file).token)
      expect(body.type).toBe(4)
      expect(body.data.flags).toBe(64)
      expectDiscordSafe(body.data)
      return body.data.content as string
    }
    const afterDownload = async (file: FakeAttachment) => {
      const { token } = sendImport(h, file)
      expect((await callbackOf(h.fake, token)).body.data.flags).toBe(64)
      const edit = await editOf(h.fake, token)
      expectDiscordSafe(edit.body)
      expect(edit.body.components ?? []).toEqual([])
      return edit.body.content as string
    }

    expect(await immediate(h.fake.attachment('report.pdf', '%PDF-1.7'))).toBe(
      'report.pdf cannot be imported: .pdf files cannot be imported; send Markdown with front matter (.md), text (.txt), JSON Lines (.jsonl) or CSV (.csv). Nothing was changed.',
    )
    expect(await immediate(h.fake.attachment('huge.csv', 'id,body\n', { size: 6 * 1024 * 1024 }))).toBe(
      'huge.csv cannot be imported: it is 6 MB, over the 5 MB limit (IMPORT_MAX_BYTES). Nothing was changed.',
    )
    const elsewhere = h.fake.attachment('articles.jsonl', jsonl(HOMS), {
      url: 'https://files.example.com/articles.jsonl',
    })
    expect(await immediate(elsewhere)).toBe(
      "articles.jsonl cannot be imported: its address is not on Discord's servers. Nothing was changed.",
    )
    // Said to be small, but larger once read: cut off while downloading.
    const lying = h.fake.attachment('big.jsonl', Buffer.alloc(6 * 1024 * 1024, 0x20), { size: 100, chunked: true })
    expect(await afterDownload(lying)).toBe(
      'big.jsonl is larger than the 5 MB an import may be (IMPORT_MAX_BYTES); nothing was imported. Split it into smaller files.',
    )
    const latin1 = Buffer.concat([
      Buffer.from('id,title,body\nh1,Homs,Shelling in '),
      Buffer.from([0x48, 0xf6, 0x6d, 0x73]),
      Buffer.from('\n'),
    ])
    expect(await afterDownload(h.fake.attachment('latin1.csv', latin1))).toBe(
      'latin1.csv cannot be imported: line 2 is not valid UTF-8 (save the file as UTF-8 and send it again). Nothing was changed.',
    )
    const { token } = sendImport(h, h.fake.attachment('people.csv', 'name,age\nAli,3\n'))
    const noColumns = await editOf(h.fake, token)
    expectDiscordSafe(noColumns.body)
    expect(noColumns.body.content).toBe(
      'Nothing in people.csv can be imported: no article reads from it (the reasons are below). Nothing was changed.',
    )
    expect(noColumns.body.embeds[0].fields.at(-1).value).toContain(
      'the first line is not a header naming the columns (it needs one of body, content, text, article\\_content',
    )
    expect(noColumns.body.components ?? []).toEqual([])
    expect(snapshot(h.corpus)).toEqual(before)
  })

  it('/remove suggests what /import added, refuses any other article, and removes after confirmation', async () => {
    const suggest = h.fake.sendAutocomplete('remove', [{ name: 'id', type: 3, value: 'tabqa', focused: true }], mod)
    const { body: choices } = await callbackOf(h.fake, suggest.token)
    expect(choices.data.choices).toEqual([{ name: 'SDF capture the Tabqa Dam (tabqa-dam-1)', value: 'tabqa-dam-1' }])
    expectChoicesWithinLimits(choices.data.choices)

    const seed = h.fake.sendCommand('remove', [{ name: 'id', type: 3, value: '000_43f17e4488e5f64a' }], mod)
    const refused = await editOf(h.fake, seed.token)
    expect(refused.body.content).toBe(
      "Article 000\\_43f17e4488e5f64a is in seed-bbc-raqqa-old-city-wall.md, which /import did not write; it is not removed (edit or delete that file on the bot's host).",
    )
    expect(existsSync(join(h.corpus, 'seed-bbc-raqqa-old-city-wall.md'))).toBe(true)

    const ask = h.fake.sendCommand(
      'remove',
      [
        { name: 'id', type: 3, value: 'tabqa-dam-1' },
        { name: 'reindex', type: 5, value: true },
      ],
      mod,
    )
    const confirm = await editOf(h.fake, ask.token)
    expectDiscordSafe(confirm.body)
    expect(confirm.body.embeds[0].title).toBe('Remove article tabqa-dam-1?')
    expect(confirm.body.embeds[0].description).toContain('“SDF capture the Tabqa Dam” · Test Wire · 10 May 2017')
    const other = await callbackOf(
      h.fake,
      h.fake.sendButton(buttonId(confirm.body, /^Remove$/), { userId: SOMEONE }).token,
    )
    expect(other.body.data.content).toBe(
      'Only the moderator who ran /remove can confirm or cancel it; nothing was changed.',
    )
    expect(existsSync(join(h.corpus, 'tabqa-dam-1.md'))).toBe(true)

    const press = h.fake.sendButton(buttonId(confirm.body, /^Remove$/), asModerator)
    const done = await editOf(h.fake, press.token)
    expectDiscordSafe(done.body)
    expect(done.body.embeds[0].title).toBe('Removed article tabqa-dam-1')
    expect(done.body.embeds[0].description).toBe(
      'tabqa-dam-1.md was deleted; the corpus folder now loads 2 articles (3 before).',
    )
    expect(done.body.embeds[1].description).toMatch(/^Articles 3 → 2 · /)
    expect(existsSync(join(h.corpus, 'tabqa-dam-1.md'))).toBe(false)
    // After the reindex, no answer quotes the removed article.
    const asked = h.fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'Tabqa Dam captured' }])
    const answer = JSON.stringify((await callbackOf(h.fake, asked.token)).body.data)
    expect(answer).not.toContain('tabqa-dam-1')
    expect(answer).not.toContain('Test Wire')
  })

  it('/imports lists every import and removal, newest first, with who, what file and what changed', async () => {
    const { token } = h.fake.sendCommand('imports', [], mod)
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.flags).toBe(64)
    expectDiscordSafe(body.data)
    const embed = body.data.embeds[0]
    expect(embed.title).toBe('Imports and removals (3)')
    const lines: string[] = embed.description.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^<t:\d+:f> · \*\*moderator\*\* removed tabqa-dam-1 \(tabqa-dam-1\.md\) · reindexed 3 → 2$/,
    )
    expect(lines[1]).toMatch(
      /^<t:\d+:f> · \*\*moderator\*\* imported tabqa-v2\.jsonl: 0 added, 1 updated, 1 skipped \(tabqa-dam-1\)$/,
    )
    expect(lines[2]).toMatch(
      /^<t:\d+:f> · \*\*moderator\*\* imported tabqa\.jsonl: 1 added, 0 updated \(tabqa-dam-1\) · reindexed 2 → 3$/,
    )
  })
})

describe('confirmations that expire, and downloads that stall', () => {
  let h: Harness
  beforeAll(async () => {
    // Buttons that expire at once, and a short download time limit: nothing here waits for minutes or seconds.
    h = await harness('expiry', { importTimeoutMs: 300 }, 1)
  })
  afterAll(() => close(h))

  it('an expired preview says so and writes nothing', async () => {
    const before = snapshot(h.corpus)
    const preview = await editOf(h.fake, sendImport(h, h.fake.attachment('late.jsonl', jsonl(HOMS))).token)
    const press = h.fake.sendButton(buttonId(preview.body, /^Add/), asModerator)
    const { body } = await callbackOf(h.fake, press.token)
    expect(body.data.flags).toBe(64)
    expect(body.data.content).toMatch(
      /^This confirmation has expired \(the buttons work for 1 minute\); nothing was changed\. Run the command again\.$/,
    )
    expect(snapshot(h.corpus)).toEqual(before)
  })

  it('a download that stalls is given up, with a private message, and nothing changes', async () => {
    const before = snapshot(h.corpus)
    const file = h.fake.attachment('slow.jsonl', jsonl(HOMS, TABQA), { stall: true })
    const { token } = sendImport(h, file)
    const edit = await editOf(h.fake, token)
    expect(edit.body.content).toBe(
      'The download of slow.jsonl did not finish within 300 ms; nothing was imported. Try again in a moment.',
    )
    expect(downloadsOf(h.fake, file)).toHaveLength(1)
    expect(snapshot(h.corpus)).toEqual(before)
  })
})
