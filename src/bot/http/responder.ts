// The HTTP half of an interaction's answer. Over HTTP, Discord takes the initial response (reply, deferReply, update,
// deferUpdate, autocomplete choices, a modal) as the HTTP response to its POST, not as a request to
// POST /interactions/{id}/{token}/callback. The router and the commands still call discord.js's reply(), update(),
// respond()… unchanged: discord.js's REST goes through `makeRequest` here, which takes exactly the callback request
// of an interaction waiting for its HTTP response, writes its body as that response, and answers discord.js itself
// (204, as Discord would). Every other request (editReply, followUp: /webhooks/{app}/{token}/…) goes to
// DISCORD_API_URL as usual.
//
// Two cases need more than passing the body on:
// - Files: Discord does not take multipart in the HTTP response, so the response is a deferral (keeping the ephemeral
//   flag) and the message, files included, follows as an edit of @original through the webhook.
// - No answer before the deadline (Discord waits 3 s): the server responds with a deferral (`deferNow`); a reply or
//   update that comes later becomes an edit of @original, a later defer is a no-op.

import { DefaultRestOptions, Routes, type REST, type RawFile, type ResponseLike } from 'discord.js'
import type { Logger } from '../../log.js'

type MakeRequest = typeof DefaultRestOptions.makeRequest
type RequestInit = Parameters<MakeRequest>[1]

/** Interaction response types (Discord's InteractionResponseType). */
const CHANNEL_MESSAGE = 4
const DEFERRED_CHANNEL_MESSAGE = 5
const DEFERRED_UPDATE_MESSAGE = 6
const UPDATE_MESSAGE = 7
const AUTOCOMPLETE_RESULT = 8
/** Interaction types (Discord's InteractionType). */
const MESSAGE_COMPONENT = 3
const AUTOCOMPLETE = 4
const EPHEMERAL = 64

const CALLBACK_PATH = /\/interactions\/(\d+)\/([^/]+)\/callback$/

/** Writes the HTTP response of an interaction; resolves true once it was handed to the connection. */
export type WriteResponse = (json: string) => Promise<boolean>

interface InteractionResponse {
  type: number
  data?: Record<string, unknown> & { flags?: number }
}

/** One interaction waiting for, or past, its HTTP response. */
export class PendingInteraction {
  state: 'waiting' | 'responded' = 'waiting'
  /** Responded by the server at the deadline, not by the bot. */
  autoDeferred = false
  /** The router's work on it, once handed over. */
  work: Promise<void> | undefined
  private resolveResponded!: () => void
  /** Resolves once the HTTP response is written (by the bot, the deadline or a failure). */
  readonly responded = new Promise<void>((resolve) => (this.resolveResponded = resolve))

  constructor(
    readonly id: string,
    readonly token: string,
    readonly applicationId: string,
    readonly interactionType: number,
    private readonly write: WriteResponse,
  ) {}

  /** Sends the HTTP response, once; false when it was already sent or the connection is gone. */
  async respond(response: InteractionResponse): Promise<boolean> {
    if (this.state !== 'waiting') return false
    this.state = 'responded'
    try {
      return await this.write(JSON.stringify(response))
    } finally {
      this.resolveResponded()
    }
  }

  /** The deadline: a deferral Discord accepts for this kind of interaction (autocomplete: no choices). */
  deferNow(): Promise<boolean> {
    if (this.state !== 'waiting') return Promise.resolve(false)
    this.autoDeferred = true
    return this.respond(
      this.interactionType === AUTOCOMPLETE
        ? { type: AUTOCOMPLETE_RESULT, data: { choices: [] } }
        : { type: this.interactionType === MESSAGE_COMPONENT ? DEFERRED_UPDATE_MESSAGE : DEFERRED_CHANNEL_MESSAGE },
    )
  }

  /** The bot ended without responding: the HTTP request must not hang. */
  fail(write: () => void): void {
    if (this.state !== 'waiting') return
    this.state = 'responded'
    write()
    this.resolveResponded()
  }
}

export class InteractionResponder {
  private readonly pending = new Map<string, PendingInteraction>()
  /** The client's REST, for the edits that replace a reply after a deferral. */
  rest: REST | undefined

  constructor(
    private readonly log: Logger,
    private readonly fallback: MakeRequest = DefaultRestOptions.makeRequest,
  ) {}

  get size(): number {
    return this.pending.size
  }

  open(
    data: { id: string; token: string; application_id: string; type: number },
    write: WriteResponse,
  ): PendingInteraction {
    const entry = new PendingInteraction(data.id, data.token, data.application_id, data.type, write)
    this.pending.set(data.id, entry)
    return entry
  }

  get(id: string): PendingInteraction | undefined {
    return this.pending.get(id)
  }

  close(id: string): void {
    this.pending.delete(id)
  }

  /** discord.js's REST `makeRequest`: the callbacks of pending interactions are answered here, the rest sent on. */
  readonly makeRequest: MakeRequest = async (url, init) => {
    const match = CALLBACK_PATH.exec(new URL(url).pathname)
    const entry = match ? this.pending.get(match[1]!) : undefined
    if (!match || !entry || entry.token !== decodeURIComponent(match[2]!)) return this.fallback(url, init)
    return this.callback(entry, init)
  }

  private async callback(entry: PendingInteraction, init: RequestInit): Promise<ResponseLike> {
    const { response, files } = await readCallback(init.body)
    if (entry.state === 'waiting') {
      if (files.length === 0) return (await entry.respond(response)) ? noContent() : unknownInteraction()
      // Discord takes no files in the HTTP response: defer, then send the message as an edit of @original.
      if (!(await entry.respond(deferralOf(response)))) return unknownInteraction()
      await this.editOriginal(entry, response.data ?? {}, files)
      return noContent()
    }
    if (!entry.autoDeferred) return alreadyAcknowledged()
    // After the deadline's deferral: a message becomes an edit of @original, another deferral is already done.
    switch (response.type) {
      case CHANNEL_MESSAGE:
      case UPDATE_MESSAGE:
        if (response.type === CHANNEL_MESSAGE && ((response.data?.flags ?? 0) & EPHEMERAL) !== 0)
          this.log.warn(
            { interactionId: entry.id },
            'a private reply came after the deadline: it replaces a public deferral, and is public',
          )
        await this.editOriginal(entry, response.data ?? {}, files)
        return noContent()
      case DEFERRED_CHANNEL_MESSAGE:
      case DEFERRED_UPDATE_MESSAGE:
        return noContent()
      default:
        // Autocomplete choices or a modal after the deadline: Discord would no longer take them.
        return unknownInteraction()
    }
  }

  private async editOriginal(entry: PendingInteraction, data: Record<string, unknown>, files: RawFile[]) {
    if (!this.rest) throw new Error('InteractionResponder: no REST client to edit the reply with')
    // An edit takes no ephemeral flag nor tts (the deferral decided); the other flags stay.
    const { flags, tts: _tts, ...body } = data as Record<string, unknown> & { flags?: number; tts?: unknown }
    const kept = (Number(flags) || 0) & ~EPHEMERAL
    await this.rest.patch(Routes.webhookMessage(entry.applicationId, entry.token), {
      body: kept ? { ...body, flags: kept } : body,
      files,
      auth: false,
    })
  }
}

/** The deferral that stands for a response with files: same ephemerality, or the component's message kept. */
function deferralOf(response: InteractionResponse): InteractionResponse {
  if (response.type === UPDATE_MESSAGE) return { type: DEFERRED_UPDATE_MESSAGE }
  const ephemeral = ((response.data?.flags ?? 0) & EPHEMERAL) !== 0
  return { type: DEFERRED_CHANNEL_MESSAGE, ...(ephemeral ? { data: { flags: EPHEMERAL } } : {}) }
}

/** The callback's body as discord.js made it: JSON, or multipart (payload_json and files[n]). */
async function readCallback(body: unknown): Promise<{ response: InteractionResponse; files: RawFile[] }> {
  if (typeof body === 'string') return { response: JSON.parse(body) as InteractionResponse, files: [] }
  if (body instanceof Uint8Array)
    return { response: JSON.parse(Buffer.from(body).toString('utf8')) as InteractionResponse, files: [] }
  if (body instanceof FormData) {
    const files: RawFile[] = []
    let response: InteractionResponse | undefined
    for (const [key, value] of body.entries()) {
      if (key === 'payload_json')
        response = JSON.parse(typeof value === 'string' ? value : await value.text()) as InteractionResponse
      else if (value instanceof Blob)
        files.push({
          key,
          name: 'name' in value && typeof value.name === 'string' ? value.name : key,
          data: Buffer.from(await value.arrayBuffer()),
          ...(value.type ? { contentType: value.type } : {}),
        })
    }
    if (response) return { response, files }
  }
  throw new Error('InteractionResponder: an interaction callback without a JSON body')
}

function noContent(): ResponseLike {
  return new Response(null, { status: 204 })
}

function discordError(status: number, code: number, message: string): ResponseLike {
  return new Response(JSON.stringify({ code, message }), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

/** What Discord answers a response that comes too late (10062). */
function unknownInteraction(): ResponseLike {
  return discordError(404, 10062, 'Unknown interaction')
}

/** What Discord answers a second response (40060). */
function alreadyAcknowledged(): ResponseLike {
  return discordError(400, 40060, 'Interaction has already been acknowledged.')
}
