/**
 * Drives the REAL discord.js Client against tests/fake-discord.ts, with the fast-test client settings of
 * ../shared/docs/discord-offline-testing.md. Also documents discord.js 14.28 behaviours the bot relies on.
 */
import { once } from 'node:events'
import {
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  RESTEvents,
  type ClientOptions,
  type Interaction,
  type RateLimitData,
} from 'discord.js'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeDiscord, shardOf, type FakeDiscordOptions } from './fake-discord.js'

const TOKEN = 'fake.bot.token'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  // Clients first, then the fake (the other order makes the client reconnect and hit ECONNREFUSED).
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ token: TOKEN, ...options })
  cleanups.push(() => fake.stop())
  return fake
}

interface Bot {
  client: Client
  errors: Error[]
}

/** A real client with the fast-test settings; not logged in. */
function makeClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, globalRequestsPerSecond: 1e6, offset: 0 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    ...extra,
  })
  const errors: Error[] = []
  client.on(Events.Error, (error) => errors.push(error))
  cleanups.push(() => client.destroy())
  return { client, errors }
}

async function login(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Bot> {
  const bot = makeClient(fake, extra)
  const ready = once(bot.client, Events.ClientReady)
  await bot.client.login(TOKEN)
  await ready
  return bot
}

/** Runs `handler` for every interaction; errors it throws are collected instead of crashing the process. */
function onInteraction(client: Client, handler: (i: Interaction) => Promise<void>): Error[] {
  const failures: Error[] = []
  client.on(Events.InteractionCreate, (i) => {
    handler(i).catch((e: Error) => failures.push(e))
  })
  return failures
}

const isCallback = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path.includes(token) && r.path.endsWith('/callback')
const isPatch = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path.includes(token)

describe('FakeDiscord with the real discord.js client', () => {
  it('fake REST: auth, 404s, double acknowledgement, @original state, command registration', async () => {
    const fake = await startFake()
    const api = `${fake.apiUrl}/v10`
    const bot = { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' }
    expect((await fetch(`${api}/users/@me`, { headers: { authorization: 'Bot nope' } })).status).toBe(401)
    expect(await (await fetch(`${api}/channels/1/messages`, { headers: bot })).json()).toEqual({
      code: 0,
      message: '404: Not Found',
    })
    const commands = [{ name: 'ask', description: 'Ask a question' }]
    const put = await fetch(`${api}/applications/${fake.applicationId}/guilds/${fake.guildIds[0]}/commands`, {
      method: 'PUT',
      headers: bot,
      body: JSON.stringify(commands),
    })
    expect(await put.json()).toMatchObject([
      { name: 'ask', application_id: fake.applicationId, guild_id: fake.guildIds[0], type: 1 },
    ])

    const client = makeClient(fake).client // gateway only, nobody answers: drive the REST by hand
    await client.login(TOKEN)
    const { id, token } = fake.sendCommand('ask')
    const callback = `${api}/interactions/${id}/${token}/callback`
    const defer = await fetch(`${callback}?with_response=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 5, data: { flags: 64 } }),
    })
    expect(await defer.json()).toMatchObject({
      interaction: { id, response_message_loading: true, response_message_ephemeral: true },
      resource: { type: 5, message: { flags: 64 | 128 } },
    })
    const again = await fetch(callback, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'x' } }),
    })
    expect([again.status, ((await again.json()) as { code: number }).code]).toEqual([400, 40060])
    const original = `${api}/webhooks/${fake.applicationId}/${token}/messages/%40original`
    await fetch(original, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'edited' }),
    })
    expect(await (await fetch(original)).json()).toMatchObject({ content: 'edited', flags: 64 })
    expect((await fetch(original, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(original)).status).toBe(404)
    expect(fake.responsesFor(token).map((r) => `${r.method} ${r.path.replace(token, 'T')}`)).toEqual([
      `POST /interactions/${id}/T/callback`,
      `POST /interactions/${id}/T/callback`,
      ...['PATCH', 'GET', 'DELETE', 'GET'].map((m) => `${m} /webhooks/${fake.applicationId}/T/messages/@original`),
    ])
    expect(fake.requests.filter((r) => r.path === '/channels/1/messages')).toHaveLength(1)
  })

  it('logs in, defers and edits the reply, fetchReply reflects the edit', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    expect(fake.identifies).toBe(1)
    expect(client.guilds.cache.map((g) => g.id)).toEqual(fake.guildIds)
    expect(client.guilds.cache.first()?.members.me?.id).toBe(client.user?.id)

    const fetched: string[] = []
    const failures = onInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return
      await i.deferReply()
      await i.editReply({ content: `q=${i.options.getString('question', true)}`, allowedMentions: { parse: [] } })
      fetched.push((await i.fetchReply()).content)
    })
    const { token } = fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'who?' }])
    await fake.waitForRequest((r) => r.method === 'GET' && r.path.includes(token))

    const [callback, patch, get] = fake.responsesFor(token)
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } })
    expect(callback?.query).toBe('with_response=false')
    expect(callback?.headers.authorization).toBeUndefined()
    expect(patch?.path).toBe(`/webhooks/${fake.applicationId}/${token}/messages/@original`)
    expect(patch?.body).toMatchObject({ content: 'q=who?', allowed_mentions: { parse: [] } })
    expect(get?.method).toBe('GET')
    await expect.poll(() => fetched).toEqual(['q=who?'])
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('ephemeral reply sends data.flags 64; withResponse, follow-up with a file, autocomplete and a button work', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const seen: string[] = []
    const failures = onInteraction(client, async (i) => {
      if (i.isAutocomplete()) return i.respond([{ name: `${i.options.getFocused()}!`, value: 'x' }])
      if (i.isButton()) return void (await i.update({ content: `pressed ${i.customId}`, components: [] }))
      if (!i.isChatInputCommand()) return
      if (i.commandName === 'secret') return void (await i.reply({ content: 'psst', flags: MessageFlags.Ephemeral }))
      const response = await i.reply({ content: 'hi', withResponse: true })
      seen.push(response.resource?.message?.content ?? '')
      await i.followUp({ content: 'file', files: [new AttachmentBuilder(Buffer.from('abc'), { name: 'a.txt' })] })
    })

    const secret = fake.sendCommand('secret')
    const cb = await fake.waitForRequest(isCallback(secret.token))
    expect(cb.body).toMatchObject({ type: 4, data: { content: 'psst', flags: 64 } })

    const hi = fake.sendCommand('hello')
    const follow = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${hi.token}`,
    )
    expect(fake.responsesFor(hi.token)[0]?.query).toBe('with_response=true')
    expect(follow.query).toContain('wait=true')
    expect(follow.headers['content-type']).toMatch(/^multipart\/form-data/)
    expect(follow.body).toMatchObject({ content: 'file', files: [{ name: 'a.txt', size: 3 }] })
    await expect.poll(() => seen).toEqual(['hi'])

    const auto = fake.sendAutocomplete('ask', [{ name: 'question', type: 3, value: 'dam', focused: true }])
    expect((await fake.waitForRequest(isCallback(auto.token))).body).toEqual({
      type: 8,
      data: { choices: [{ name: 'dam!', value: 'x' }] },
    })

    const button = fake.sendButton('more:1')
    expect((await fake.waitForRequest(isCallback(button.token))).body).toMatchObject({
      type: 7,
      data: { content: 'pressed more:1', components: [] },
    })
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('resumes after close 4000 and answers interactions sent while away and after', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const failures = onInteraction(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('pong')
    })
    const resumed = once(client, Events.ShardResume)

    fake.closeGateway(4000)
    const away = fake.sendCommand('ping') // buffered, replayed on RESUME
    await fake.waitForReady(1)
    await resumed
    expect(fake.resumes).toBe(1)
    expect(fake.identifies).toBe(1)
    await fake.waitForRequest(isCallback(away.token))

    const after = fake.sendCommand('ping')
    expect((await fake.waitForRequest(isCallback(after.token))).body).toMatchObject({
      type: 4,
      data: { content: 'pong' },
    })
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('identifies again after op 9 INVALID_SESSION (d: false)', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const failures = onInteraction(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('again')
    })

    fake.invalidateSession()
    await fake.waitForReady(1)
    expect(fake.identifies).toBe(2)
    expect(fake.resumes).toBe(0)
    const { token } = fake.sendCommand('ping')
    expect((await fake.waitForRequest(isCallback(token))).body).toMatchObject({ type: 4, data: { content: 'again' } })
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('retries a 429 on the callback after retry-after with the same body', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const limited: RateLimitData[] = []
    client.rest.on(RESTEvents.RateLimited, (data) => limited.push(data))
    const failures = onInteraction(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('after 429')
    })

    fake.failNext(
      { method: 'POST', pathIncludes: '/callback' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'retry-after': '0.05' },
      },
    )
    const { token } = fake.sendCommand('ping')
    await fake.waitForRequest((r) => isCallback(token)(r) && fake.responsesFor(token).length === 2)
    const [first, second] = fake.responsesFor(token)
    expect(second?.body).toEqual(first?.body)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(45)
    // The callback route uses @discordjs/rest's BurstHandler: an unexpected 429 is retried silently (no event).
    expect(limited).toEqual([])
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('emits rateLimited on client.rest when a webhook bucket is exhausted (429 with X-RateLimit-Remaining: 0)', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const limited: RateLimitData[] = []
    client.rest.on(RESTEvents.RateLimited, (data) => limited.push(data))
    const failures = onInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return
      await i.deferReply()
      await i.editReply('after 429')
    })

    fake.failNext(
      { method: 'PATCH', pathIncludes: '/messages/@original' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: {
          'retry-after': '0.05',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '0.05',
        },
      },
    )
    const { token } = fake.sendCommand('ping')
    await fake.waitForRequest((r) => isPatch(token)(r) && fake.responsesFor(token).filter(isPatch(token)).length === 2)
    const [first, second] = fake.responsesFor(token).filter(isPatch(token))
    expect(second?.body).toEqual(first?.body)
    expect(limited.length).toBeGreaterThanOrEqual(1)
    expect(limited[0]).toMatchObject({
      method: 'PATCH',
      route: '/webhooks/:id/:token/messages/%40original',
      global: false,
    })
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('retries a 500 on the PATCH', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const edited: string[] = []
    const failures = onInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return
      await i.deferReply()
      edited.push((await i.editReply('done')).content)
    })

    fake.failNext({ method: 'PATCH', pathIncludes: '@original' }, { status: 500 })
    const { token } = fake.sendCommand('ping')
    await expect.poll(() => edited).toEqual(['done'])
    expect(fake.responsesFor(token).map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH'])
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('rejects the reply with DiscordAPIError 10062 on Unknown interaction', async () => {
    const fake = await startFake()
    const { client, errors } = await login(fake)
    const caught: unknown[] = []
    const failures = onInteraction(client, async (i) => {
      if (i.isChatInputCommand())
        await i.reply('too late').catch((e: unknown) => {
          caught.push(e)
        })
    })

    fake.failNext(
      { method: 'POST', pathIncludes: '/callback' },
      { status: 404, body: { code: 10062, message: 'Unknown interaction' } },
    )
    fake.sendCommand('ping')
    await expect.poll(() => caught.length).toBe(1)
    expect(caught[0]).toBeInstanceOf(DiscordAPIError)
    expect(caught[0]).toMatchObject({ code: 10062, status: 404, method: 'POST' })
    expect(failures).toEqual([])
    expect(errors).toEqual([])
  })

  it('login() rejects with a wrong token (401 on /gateway/bot)', async () => {
    const fake = await startFake({ token: 'the.right.token' })
    const { client } = makeClient(fake)
    await expect(client.login(TOKEN)).rejects.toMatchObject({ code: 'TokenInvalid' })
    const gateway = fake.requests.find((r) => r.path === '/gateway/bot')
    expect(gateway?.headers.authorization).toBe(`Bot ${TOKEN}`)
    expect(fake.identifies).toBe(0)
  })

  it('routes each interaction to the shard that owns its guild (two clients, shardCount 2)', async () => {
    const guildIds = [FakeDiscord.guildIdForShard(0, 2), FakeDiscord.guildIdForShard(1, 2)]
    expect(guildIds.map((id) => shardOf(id, 2))).toEqual([0, 1])
    const fake = await startFake({ shards: 2, guildIds })
    const bots = await Promise.all([0, 1].map((shard) => login(fake, { shards: shard, shardCount: 2 })))
    await fake.waitForReady(2)
    const received: [number, string | null, number | undefined][] = []
    bots.forEach(({ client }, n) =>
      onInteraction(client, async (i) => {
        received.push([n, i.guildId, i.guild?.shardId])
        if (i.isChatInputCommand()) await i.reply(`shard ${n}`)
      }),
    )
    expect(bots.map(({ client }) => client.guilds.cache.map((g) => g.id))).toEqual([[guildIds[0]], [guildIds[1]]])

    const tokens = guildIds.map((guildId) => fake.sendCommand('ping', [], { guildId }).token)
    const replies = await Promise.all(tokens.map((t) => fake.waitForRequest(isCallback(t))))
    expect(replies.map((r) => r.body.data.content)).toEqual(['shard 0', 'shard 1'])
    expect(received.sort()).toEqual([
      [0, guildIds[0], 0],
      [1, guildIds[1], 1],
    ])
    expect(bots.flatMap((b) => b.errors)).toEqual([])
  })
})
