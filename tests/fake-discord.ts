/**
 * A small fake of Discord (REST + gateway) that the real discord.js v14 Client can log into on 127.0.0.1.
 * Follows ../shared/docs/discord-offline-testing.md (measured with discord.js 14.28.1, @discordjs/ws 1.2.3).
 *
 * One HTTP server on an ephemeral port serves REST under /api/v10 and the gateway (WebSocket, JSON, no compression)
 * on the same port. Every REST request is recorded in `requests`; tests drive the bot by dispatching interactions
 * (`sendCommand`, `sendAutocomplete`, `sendButton`) and assert on what the client sent back (`responsesFor`).
 * With `useInteractionsEndpoint`, the same calls POST each interaction, signed, to a bot's HTTP interactions endpoint
 * instead, and its HTTP response is recorded as the interaction's callback.
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto'
import {
  Agent,
  STATUS_CODES,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { WebSocket, WebSocketServer, type RawData } from 'ws'

export interface FakeDiscordOptions {
  /** What GET /gateway/bot announces (default 1). */
  shards?: number
  /** Guilds the bot is in (default: one guild per announced shard, i.e. one guild when shards is 1). */
  guildIds?: string[]
  applicationId?: string
  /** Expected bot token. Unset: any token is accepted. */
  token?: string
  /** Role ids that exist in every guild besides @everyone (members of interactions may carry them). */
  roles?: string[]
}

export interface RecordedRequest {
  method: string
  /** Decoded, without the /api/v10 prefix and without the query. */
  path: string
  query: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON; for multipart the parsed payload_json plus `files: [{ name, size }]`. */
  body: any
  at: number
}

export interface InteractionOptions {
  guildId?: string
  channelId?: string
  userId?: string
  username?: string
  /** Member permission bitfield as a string (default '0'). */
  permissions?: string
  roles?: string[]
  locale?: string
}

/** A file attached to a command (its `resolved.attachments` entry), served by the fake as Discord's CDN serves one. */
export interface FakeAttachment {
  id: string
  filename: string
  size: number
  url: string
  proxy_url: string
  content_type?: string
}

export interface AttachmentOptions {
  /** The size the interaction declares (default: the content's). */
  size?: number
  /** Another address than the fake's own (e.g. a host that is not Discord's); nothing is served there. */
  url?: string
  /** Send the headers and the first half of the content, then nothing more, until the client gives up. */
  stall?: boolean
  /** Send the content without a Content-Length (chunked), as a server that does not say how much is coming. */
  chunked?: boolean
  contentType?: string
}

/** One interaction POSTed to the bot's interactions endpoint, and what came back. */
export interface Delivery {
  id: string
  token: string
  /** 0 when no response came (error says why). */
  status: number
  contentType: string
  /** Parsed JSON (or multipart), else the text. */
  body: any
  ms: number
  error?: string
  /** The replica that answered (its X-Served-By header). */
  servedBy?: string
}

/** A canned REST response (used by failNext). */
export interface FakeReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}
type Message = Record<string, any> & { id: string; flags: number }
interface Dispatch {
  op: 0
  t: string
  s: number
  d: unknown
}
interface Session {
  id: string
  shard: [number, number]
  seq: number
  sent: Dispatch[]
  socket: WebSocket | null
  ready: boolean
}
interface Interaction {
  id: string
  type: number
  guildId: string
  channelId: string
  acknowledged: boolean
  originalId?: string
  messages: Map<string, Message>
}
interface Fault {
  method?: string
  pathIncludes: string
  response: FakeReply
  remaining: number
}

const DISCORD_EPOCH = 1420070400000n
const HEARTBEAT_INTERVAL = 41250
/** Every permission bit up to 2^50: what the bot has in the channel of a fake interaction. */
const APP_PERMISSIONS = ((1n << 51n) - 1n).toString()
let increment = 0n

/** A Discord-like snowflake: ms since the Discord epoch << 22 | a counter (19 digits today). */
function snowflake(timestamp = BigInt(Date.now()) - DISCORD_EPOCH): string {
  increment = (increment + 1n) & 0xfffn
  return ((timestamp << 22n) | increment).toString()
}

/** The shard that owns a guild: (guild_id >> 22) % shardCount. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount))
}

/** A gateway frame as text: ws hands over a Buffer, an ArrayBuffer or the fragments of one message. */
function frameText(raw: RawData): string {
  return (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8')
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Connections to interactions endpoints, kept open between deliveries as Discord keeps them. */
const endpointAgent = new Agent({ keepAlive: true })
/** Discord's deadline for the response to an interaction: it gives up after this. */
const ENDPOINT_DEADLINE_MS = 3_000

/**
 * POSTs an interaction to an endpoint with node:http rather than fetch: a load test sends hundreds a second from this
 * process, and fetch's extra work per request (streams, abort signals) took CPU the bot under test shares.
 */
function postToEndpoint(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: endpointAgent, headers }, (res) => {
      readBody(res).then((body) => {
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      }, reject)
    })
    const timer = setTimeout(
      () => req.destroy(new Error(`no response within ${ENDPOINT_DEADLINE_MS} ms`)),
      ENDPOINT_DEADLINE_MS,
    )
    req.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    req.end(body)
  })
}

/** JSON, or multipart (payload_json + files[n]) parsed with the built-in Response#formData. */
async function parseBody(contentType: string | undefined, raw: Buffer): Promise<any> {
  if (raw.length === 0) return undefined
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()
    const payload = form.get('payload_json')
    const files: { name: string; size: number }[] = []
    for (const [, value] of form) if (typeof value !== 'string') files.push({ name: value.name, size: value.size })
    return { ...(typeof payload === 'string' ? JSON.parse(payload) : {}), files }
  }
  const text = raw.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export class FakeDiscord {
  readonly apiUrl: string
  readonly applicationId: string
  readonly guildIds: string[]
  readonly requests: RecordedRequest[] = []
  readonly botUser: {
    id: string
    username: string
    global_name: null
    discriminator: '0'
    avatar: null
    bot: true
    flags: 0
  }

  private readonly wss: WebSocketServer
  private readonly gatewayUrl: string
  private readonly channelIds = new Map<string, string>()
  private readonly sessions = new Map<string, Session>() // by session id, for RESUME
  private readonly current = new Map<number, Session>() // shard id -> the shard's live session
  private readonly interactions = new Map<string, Interaction>() // by token
  private readonly commands = new Map<string, any[]>() // 'global' or guild id -> registered commands
  private readonly commandIds = new Map<string, string>()
  private readonly faults: Fault[] = []
  private readonly files = new Map<string, { content: Buffer; options: AttachmentOptions }>() // by URL path
  private readonly waiters = new Map<() => void, (error: Error) => void>()
  private endpoint: { url: string; privateKey: KeyObject } | undefined
  /** HTTP interactions: every POST to the endpoint and its response. */
  readonly deliveries: Delivery[] = []
  private identifyCount = 0
  private resumeCount = 0

  private constructor(
    private readonly server: Server,
    private readonly options: FakeDiscordOptions,
  ) {
    const { port } = server.address() as AddressInfo
    const shards = options.shards ?? 1
    this.apiUrl = `http://127.0.0.1:${port}/api`
    this.gatewayUrl = `ws://127.0.0.1:${port}`
    this.applicationId = options.applicationId ?? snowflake()
    this.guildIds = options.guildIds ?? Array.from({ length: shards }, (_, i) => FakeDiscord.guildIdForShard(i, shards))
    for (const guildId of this.guildIds) this.channelIds.set(guildId, snowflake())
    this.botUser = {
      id: this.applicationId,
      username: 'FakeBot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      flags: 0,
    }
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.onRequest(req, res).catch((error: unknown) => {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 0, message: String(error) }))
      })
    })
    this.wss = new WebSocketServer({ server })
    this.wss.on('connection', (socket) => this.onConnection(socket))
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer()
    // A deep accept queue: a burst of replies opens many connections at once, and a short queue would delay them by
    // seconds of SYN retries that Discord's own servers would not cause.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 4096, resolve))
    return new FakeDiscord(server, options)
  }

  /** A guild id (snowflake) that lands on the given shard for the given shard count. */
  static guildIdForShard(shard: number, shardCount: number): string {
    const count = BigInt(shardCount)
    const now = BigInt(Date.now()) - DISCORD_EPOCH
    return snowflake(now - ((((now - BigInt(shard)) % count) + count) % count))
  }

  get identifies(): number {
    return this.identifyCount
  }
  get resumes(): number {
    return this.resumeCount
  }

  // ---------------------------------------------------------------- waiting

  /** Resolves when `check` returns something other than undefined; re-checked on every recorded change. */
  private waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        this.waiters.delete(poll)
      }
      const poll = (): void => {
        const value = check()
        if (value !== undefined) {
          done()
          resolve(value)
        }
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`))
      }, timeoutMs)
      this.waiters.set(poll, (error) => {
        done()
        reject(error)
      })
      poll()
    })
  }

  private changed(): void {
    for (const poll of [...this.waiters.keys()]) poll()
  }

  waitForReady(shardCount = this.options.shards ?? 1, timeoutMs = 5000): Promise<void> {
    const readyShards = (): number => [...this.current.values()].filter((s) => s.ready).length
    return this.waitUntil(
      () => (readyShards() >= shardCount ? true : undefined),
      timeoutMs,
      `${shardCount} ready shard(s)`,
    ).then(() => undefined)
  }

  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), timeoutMs, 'a matching request')
  }

  responsesFor(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(token))
  }

  failNext(match: { method?: string; pathIncludes: string }, response: FakeReply, count = 1): void {
    this.faults.push({ ...match, response, remaining: count })
  }

  // ---------------------------------------------------------------- gateway

  private onConnection(socket: WebSocket): void {
    socket.on('message', (raw) => {
      let payload: { op: number; d: any }
      try {
        payload = JSON.parse(frameText(raw))
      } catch {
        socket.close(4002, 'Decode error')
        return
      }
      this.onGatewayMessage(socket, payload)
    })
    socket.on('close', () => {
      for (const session of this.sessions.values())
        if (session.socket === socket) {
          session.socket = null
          session.ready = false
        }
      this.changed()
    })
    this.send(socket, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL }, s: null, t: null })
  }

  private send(socket: WebSocket | null, payload: unknown): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload))
  }

  private onGatewayMessage(socket: WebSocket, { op, d }: { op: number; d: any }): void {
    if (op === 1) return this.send(socket, { op: 11, d: null, s: null, t: null })
    if (op === 2) {
      this.identifyCount++
      if (this.options.token !== undefined && d?.token !== this.options.token)
        return void socket.close(4004, 'Authentication failed.')
      const shard: [number, number] = d?.shard ?? [0, 1]
      const session: Session = { id: randomBytes(16).toString('hex'), shard, seq: 0, sent: [], socket, ready: false }
      this.sessions.set(session.id, session)
      this.current.set(shard[0], session)
      const guilds = this.guildIds.filter((id) => shardOf(id, shard[1]) === shard[0])
      this.dispatch(session, 'READY', {
        v: 10,
        user: { ...this.botUser, verified: true, mfa_enabled: false },
        guilds: guilds.map((id) => ({ id, unavailable: true })),
        session_id: session.id,
        session_type: 'normal',
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        _trace: ['fake-discord'],
      })
      for (const id of guilds) this.dispatch(session, 'GUILD_CREATE', this.guildPayload(id))
      session.ready = true
      return this.changed()
    }
    if (op === 6) {
      this.resumeCount++
      const session = this.sessions.get(d?.session_id)
      if (!session || (this.options.token !== undefined && d?.token !== this.options.token))
        return this.send(socket, { op: 9, d: false, s: null, t: null })
      session.socket = socket
      for (const payload of session.sent) if (payload.s > (d.seq ?? 0)) this.send(socket, payload)
      this.dispatch(session, 'RESUMED', { _trace: ['fake-discord'] })
      session.ready = true
      this.current.set(session.shard[0], session)
      return this.changed()
    }
    // op 3 (presence), 4 (voice), 8 (request members): ignored.
  }

  /** Sends a dispatch on the session (buffered for RESUME replay when the socket is gone). */
  private dispatch(session: Session, t: string, d: unknown): void {
    const payload: Dispatch = { op: 0, t, s: ++session.seq, d }
    session.sent.push(payload)
    this.send(session.socket, payload)
  }

  private guildPayload(id: string): Record<string, unknown> {
    const joinedAt = new Date().toISOString()
    const channelId = this.channelIds.get(id)!
    return {
      id,
      name: `Fake guild ${id.slice(-4)}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: 'en-US',
      max_members: 500000,
      max_video_channel_users: 25,
      application_id: null,
      widget_enabled: false,
      large: false,
      unavailable: false,
      joined_at: joinedAt,
      member_count: 2,
      features: [],
      emojis: [],
      stickers: [],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      roles: [id, ...(this.options.roles ?? [])].map((roleId, position) => ({
        id: roleId,
        name: position === 0 ? '@everyone' : `role ${position}`,
        permissions: '0',
        position,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
        icon: null,
        unicode_emoji: null,
      })),
      channels: [
        {
          id: channelId,
          type: 0,
          guild_id: id,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
          parent_id: null,
        },
      ],
      // Real Discord includes the bot's own member, so guild.members.me works.
      members: [
        {
          user: this.botUser,
          roles: [],
          joined_at: joinedAt,
          deaf: false,
          mute: false,
          flags: 0,
          nick: null,
          avatar: null,
          premium_since: null,
          pending: false,
          communication_disabled_until: null,
        },
      ],
    }
  }

  /** Closes every gateway socket (or the given shard's) with a close code; 4000 makes the client resume. */
  closeGateway(code = 4000, shard?: number): void {
    for (const session of this.sessions.values()) {
      if (!session.socket || (shard !== undefined && session.shard[0] !== shard)) continue
      session.socket.close(code, 'Closed by FakeDiscord')
      session.socket = null
      session.ready = false
    }
  }

  /** op 9 INVALID_SESSION (d: false) on every socket: the sessions are forgotten and the client identifies again. */
  invalidateSession(): void {
    for (const session of this.sessions.values()) {
      this.send(session.socket, { op: 9, d: false, s: null, t: null })
      session.socket = null
      session.ready = false
    }
    this.sessions.clear()
    this.current.clear()
  }

  // ---------------------------------------------------------------- interactions

  /**
   * A command; `attachments` are the files its attachment options name (by id), sent in `resolved` as Discord does:
   * `sendCommand('import', [{ name: 'file', type: 11, value: a.id }], { attachments: [a] })`.
   */
  sendCommand(
    name: string,
    options: any[] = [],
    opts: InteractionOptions & { attachments?: FakeAttachment[] } = {},
  ): { id: string; token: string } {
    const resolved = opts.attachments?.length
      ? { resolved: { attachments: Object.fromEntries(opts.attachments.map((a) => [a.id, a])) } }
      : {}
    return this.interact(2, { id: this.commandId(name), name, type: 1, options, ...resolved }, opts)
  }

  /**
   * A file for a command's attachment option, served at GET /attachments/<id>/<name> on the fake's own host and port
   * (the host of DISCORD_API_URL), as Discord's CDN serves attachments; every download is recorded in `requests`.
   */
  attachment(filename: string, content: string | Buffer, options: AttachmentOptions = {}): FakeAttachment {
    const id = snowflake()
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    const path = `/attachments/${id}/${encodeURIComponent(filename)}`
    const url = options.url ?? `${this.apiUrl.replace(/\/api$/, '')}${path}`
    this.files.set(path, { content: bytes, options })
    return {
      id,
      filename,
      size: options.size ?? bytes.length,
      url,
      proxy_url: url,
      ...(options.contentType ? { content_type: options.contentType } : {}),
    }
  }

  /** Serves an attachment (or 404); a stalled one keeps the response open until the client closes it. */
  private serveAttachment(path: string, res: ServerResponse): void {
    const file = this.files.get(path)
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
      return
    }
    const { content, options } = file
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream' }
    if (!options.chunked) headers['content-length'] = String(content.length)
    res.writeHead(200, headers)
    if (options.stall) {
      res.write(content.subarray(0, Math.floor(content.length / 2)))
      return
    }
    // In pieces, as a network delivers a large file.
    for (let i = 0; i < content.length; i += 64 * 1024) res.write(content.subarray(i, i + 64 * 1024))
    res.end()
  }

  sendAutocomplete(name: string, options: any[], opts: InteractionOptions = {}): { id: string; token: string } {
    return this.interact(4, { id: this.commandId(name), name, type: 1, options }, opts)
  }

  sendButton(customId: string, opts: InteractionOptions & { message?: any } = {}): { id: string; token: string } {
    const guildId = opts.guildId ?? this.guildIds[0]!
    const channelId = opts.channelId ?? this.channelIds.get(guildId) ?? snowflake()
    const message = opts.message ?? this.message(channelId, {})
    return this.interact(3, { custom_id: customId, component_type: 2 }, opts, message)
  }

  private commandId(name: string): string {
    if (!this.commandIds.has(name)) this.commandIds.set(name, snowflake())
    return this.commandIds.get(name)!
  }

  private interact(
    type: number,
    data: unknown,
    opts: InteractionOptions,
    message?: Message,
  ): { id: string; token: string } {
    const guildId = opts.guildId ?? this.guildIds[0]
    if (guildId === undefined) throw new Error('FakeDiscord: no guild to send the interaction in')
    const live = [...this.current.values()]
    const shardCount = live[0]?.shard[1] ?? this.options.shards ?? 1
    const session = this.current.get(shardOf(guildId, shardCount))
    if (!session && !this.endpoint)
      throw new Error(`FakeDiscord: shard ${shardOf(guildId, shardCount)} (guild ${guildId}) has not identified`)
    const id = snowflake()
    const token = `aW50ZXJhY3Rpb246${Buffer.from(`${id}:${randomBytes(48).toString('hex')}`).toString('base64url')}` // like Discord's, url-safe
    const channelId = opts.channelId ?? this.channelIds.get(guildId) ?? snowflake()
    const locale = opts.locale ?? 'en-US'
    const user = {
      id: opts.userId ?? snowflake(),
      username: opts.username ?? 'tester',
      global_name: null,
      discriminator: '0',
      avatar: null,
      public_flags: 0,
    }
    const interaction: Interaction = { id, type, guildId, channelId, acknowledged: false, messages: new Map() }
    if (message) {
      interaction.messages.set(message.id, message)
    }
    this.interactions.set(token, interaction)
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      guild_id: guildId,
      guild: { id: guildId, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: {
        id: channelId,
        type: 0,
        guild_id: guildId,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        rate_limit_per_user: 0,
        last_message_id: null,
        topic: null,
        flags: 0,
      },
      member: {
        user,
        roles: opts.roles ?? [],
        permissions: opts.permissions ?? '0',
        joined_at: new Date().toISOString(),
        nick: null,
        avatar: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        premium_since: null,
        communication_disabled_until: null,
      },
      app_permissions: APP_PERMISSIONS,
      locale,
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 10485760,
      ...(message ? { message } : {}),
    }
    if (this.endpoint) void this.deliver(this.endpoint, payload)
    else this.dispatch(session!, 'INTERACTION_CREATE', payload)
    return { id, token }
  }

  // ---------------------------------------------------------------- HTTP interactions

  /**
   * Sends interactions to an "Interactions Endpoint URL" instead of the gateway, as Discord does for an application
   * that has one: each is POSTed signed with `privateKey` (Ed25519 over X-Signature-Timestamp + body), and a 200 JSON
   * response is taken as the interaction's callback (recorded in `requests` as POST /interactions/{id}/{token}/callback,
   * so `waitForRequest` and `responsesFor` see it as they see a gateway bot's). Every exchange is in `deliveries`.
   */
  useInteractionsEndpoint(url: string, privateKey: KeyObject): void {
    this.endpoint = { url, privateKey }
  }

  /** Signs a body as Discord signs a request to an interactions endpoint. */
  static signature(privateKey: KeyObject, timestamp: string, body: string | Buffer): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('hex')
  }

  private async deliver(endpoint: { url: string; privateKey: KeyObject }, payload: Record<string, any>): Promise<void> {
    const body = JSON.stringify(payload)
    const timestamp = String(Math.floor(Date.now() / 1000))
    const started = performance.now()
    const delivery: Delivery = {
      id: payload.id,
      token: payload.token,
      status: 0,
      contentType: '',
      body: undefined,
      ms: 0,
    }
    try {
      const res = await postToEndpoint(endpoint.url, body, {
        'content-type': 'application/json',
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        'x-signature-ed25519': FakeDiscord.signature(endpoint.privateKey, timestamp, body),
        'x-signature-timestamp': timestamp,
      })
      delivery.status = res.status
      delivery.contentType = res.headers['content-type'] ?? ''
      const servedBy = res.headers['x-served-by']
      delivery.servedBy = typeof servedBy === 'string' ? servedBy : undefined
      delivery.body = await parseBody(delivery.contentType, res.body).catch(() => res.body.toString('utf8'))
    } catch (error) {
      delivery.error = String(error)
    }
    delivery.ms = performance.now() - started
    this.deliveries.push(delivery)
    // Discord takes a JSON interaction response only (multipart in the HTTP response fails the interaction).
    if (delivery.status === 200 && delivery.contentType.startsWith('application/json')) {
      const request: RecordedRequest = {
        method: 'POST',
        path: `/interactions/${payload.id}/${payload.token}/callback`,
        query: '',
        headers: {},
        body: delivery.body,
        at: performance.now(),
      }
      this.requests.push(request)
      this.callback(payload.id, payload.token, request)
    }
    this.changed()
  }

  /** The HTTP exchange of an interaction sent to the endpoint. */
  waitForDelivery(token: string, timeoutMs = 5000): Promise<Delivery> {
    return this.waitUntil(() => this.deliveries.find((d) => d.token === token), timeoutMs, 'the endpoint to answer')
  }

  // ---------------------------------------------------------------- REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      this.requests.push({
        method: 'GET',
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body: undefined,
        at: performance.now(),
      })
      this.serveAttachment(url.pathname, res)
      this.changed()
      return
    }
    const raw = await readBody(req)
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, ''),
      query: url.search.replace(/^\?/, ''),
      headers: req.headers,
      body: await parseBody(req.headers['content-type'], raw).catch(() => raw.toString('utf8')),
      at: performance.now(),
    }
    this.requests.push(request)
    const reply = this.takeFault(request) ?? this.route(request)
    const headers = { ...reply.headers }
    if (reply.body === undefined) res.writeHead(reply.status, headers).end()
    else res.writeHead(reply.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(reply.body))
    this.changed()
  }

  private takeFault(request: RecordedRequest): FakeReply | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        request.path.includes(f.pathIncludes) &&
        (f.method === undefined || f.method.toUpperCase() === request.method),
    )
    if (!fault) return undefined
    fault.remaining--
    const { status, body, headers } = fault.response
    return {
      status,
      headers,
      body:
        body ?? (status === 204 ? undefined : { code: 0, message: `${status}: ${STATUS_CODES[status] ?? 'Error'}` }),
    }
  }

  private route(r: RecordedRequest): FakeReply {
    const { method, path } = r
    const auth = r.headers.authorization
    const needsAuth = !/^\/(interactions|webhooks)\//.test(path)
    const expected = this.options.token === undefined ? undefined : `Bot ${this.options.token}`
    if (expected !== undefined && (needsAuth || auth !== undefined) && auth !== expected) {
      return { status: 401, body: { code: 0, message: '401: Unauthorized' } }
    }
    let m: RegExpExecArray | null
    if (method === 'GET' && path === '/gateway/bot') {
      const shards = this.options.shards ?? 1
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        },
      }
    }
    if (method === 'GET' && path === '/gateway') return { status: 200, body: { url: this.gatewayUrl } }
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: this.botUser }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)))
      return this.callback(m[1]!, m[2]!, r)
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path)))
      return this.webhook(m[1]!, m[2]!, m[3], r)
    if (
      (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) &&
      (method === 'PUT' || method === 'GET')
    ) {
      const scope = m[2] ?? 'global'
      if (method === 'GET') return { status: 200, body: this.commands.get(scope) ?? [] }
      const list = (Array.isArray(r.body) ? r.body : []).map((c: Record<string, unknown>) => ({
        type: 1,
        default_member_permissions: null,
        nsfw: false,
        contexts: null,
        integration_types: [0],
        ...c,
        id: this.commandId(String(c.name)),
        application_id: this.applicationId,
        version: snowflake(),
        ...(m![2] ? { guild_id: m![2] } : {}),
      }))
      this.commands.set(scope, list)
      return { status: 200, body: list }
    }
    return { status: 404, body: { code: 0, message: '404: Not Found' } }
  }

  /** POST /interactions/{id}/{token}/callback: 204, or 200 with the callback response when ?with_response=true. */
  private callback(id: string, token: string, r: RecordedRequest): FakeReply {
    const it = this.interactions.get(token)
    if (!it || it.id !== id) return { status: 404, body: { code: 10062, message: 'Unknown interaction' } }
    if (it.acknowledged)
      return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } }
    it.acknowledged = true
    const type: number = r.body?.type
    const data = r.body?.data ?? {}
    let message: Message | undefined
    if (type === 4 || type === 5) {
      // reply / deferred reply: creates @original (loading flag 128 while deferred)
      message = this.message(
        it.channelId,
        type === 4 ? { ...data, files: r.body?.files } : { flags: (data.flags ?? 0) | 128 },
      )
      it.messages.set(message.id, message)
      it.originalId = message.id
    } else if (type === 7) {
      // update the component's message
      message = [...it.messages.values()][0]
      if (message) {
        this.edit(message, { ...data, files: r.body?.files })
        it.originalId = message.id
      }
    }
    if (!new URLSearchParams(r.query).has('with_response', 'true')) return { status: 204 }
    const interaction = {
      id,
      type: it.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: Boolean((message?.flags ?? 0) & 64),
    }
    return { status: 200, body: { interaction, resource: { type, ...(message ? { message } : {}) } } }
  }

  /** Webhook routes of an interaction token: follow-ups (POST) and GET/PATCH/DELETE of @original or a message id. */
  private webhook(appId: string, token: string, messageId: string | undefined, r: RecordedRequest): FakeReply {
    const it = this.interactions.get(token)
    if (!it || appId !== this.applicationId) return { status: 404, body: { code: 10015, message: 'Unknown Webhook' } }
    if (messageId === undefined) {
      if (r.method !== 'POST') return { status: 405, body: { code: 0, message: '405: Method Not Allowed' } }
      const message = this.message(it.channelId, r.body ?? {})
      it.messages.set(message.id, message)
      return new URLSearchParams(r.query).has('wait', 'true') ? { status: 200, body: message } : { status: 204 }
    }
    const id = messageId === '@original' ? it.originalId : messageId
    const message = id === undefined ? undefined : it.messages.get(id)
    if (!message) return { status: 404, body: { code: 10008, message: 'Unknown Message' } }
    if (r.method === 'GET') return { status: 200, body: message }
    if (r.method === 'PATCH') return { status: 200, body: this.edit(message, r.body ?? {}) }
    if (r.method === 'DELETE') {
      it.messages.delete(message.id)
      if (it.originalId === message.id) delete it.originalId
      return { status: 204 }
    }
    return { status: 405, body: { code: 0, message: '405: Method Not Allowed' } }
  }

  private message(channelId: string, data: Record<string, any>): Message {
    return this.edit(
      {
        id: snowflake(),
        type: 0,
        channel_id: channelId,
        author: this.botUser,
        content: '',
        embeds: [],
        components: [],
        attachments: [],
        flags: 0,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        webhook_id: this.applicationId,
        application_id: this.applicationId,
      },
      data,
      false,
    )
  }

  /** Applies a message body (JSON or multipart payload) to a stored message. */
  private edit(message: Message, data: Record<string, any>, isEdit = true): Message {
    for (const key of ['content', 'embeds', 'components', 'poll'] as const)
      if (data[key] !== undefined) message[key] = data[key]
    if (data.flags !== undefined) message.flags = Number(data.flags)
    if (isEdit) {
      message.flags &= ~128
      message.edited_timestamp = new Date().toISOString()
    }
    const files: { name: string; size: number }[] = data.files ?? []
    if (files.length > 0 || data.attachments !== undefined) {
      const base = this.apiUrl.replace(/\/api$/, '/attachments')
      message.attachments = files.map((f) => ({
        id: snowflake(),
        filename: f.name,
        size: f.size,
        url: `${base}/${f.name}`,
        proxy_url: `${base}/${f.name}`,
      }))
    }
    return message
  }

  /** Terminates gateway sockets, rejects pending waits, and closes the server. Destroy the client first. */
  async stop(): Promise<void> {
    for (const reject of [...this.waiters.values()]) reject(new Error('FakeDiscord stopped'))
    for (const socket of this.wss.clients) socket.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
