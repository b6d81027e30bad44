// HTTP interactions mode, in process: how discord.js's callback requests become the HTTP response
// (src/bot/http/responder.ts), including the two cases that need more than passing the body on: files (a deferral,
// then an edit through the webhook) and an answer that comes after the deadline's deferral. And the metrics' labels.

import { describe, expect, it } from 'vitest'
import type { Interaction, REST } from 'discord.js'
import { InteractionResponder } from '../src/bot/http/responder.js'
import { interactionLabels } from '../src/bot/metrics.js'
import { memoryLogger } from './helpers.js'

const API = 'http://127.0.0.1:1/api/v10'
const ID = '1300000000000000001'
const APP = '1200000000000000000'
const TOKEN = 'aW50ZXJhY3Rpb246abc'
const CALLBACK = `${API}/interactions/${ID}/${TOKEN}/callback?with_response=false`

interface Setup {
  responder: InteractionResponder
  written: string[]
  passed: string[]
  patches: Array<{ route: string; options: { body?: unknown; files?: unknown[]; auth?: boolean } }>
}

function setup(type = 2): Setup & { entry: ReturnType<InteractionResponder['open']> } {
  const written: string[] = []
  const passed: string[] = []
  const patches: Setup['patches'] = []
  const responder = new InteractionResponder(memoryLogger().log, (url) => {
    passed.push(url)
    return Promise.resolve(new Response(null, { status: 204 }))
  })
  responder.rest = {
    patch: (route: string, options: Setup['patches'][number]['options']) => {
      patches.push({ route, options })
      return Promise.resolve({})
    },
  } as unknown as REST
  const entry = responder.open({ id: ID, token: TOKEN, application_id: APP, type }, (json) => {
    written.push(json)
    return Promise.resolve(true)
  })
  return { responder, written, passed, patches, entry }
}

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) })

describe('InteractionResponder', () => {
  it('writes the first callback as the HTTP response and answers discord.js 204 itself', async () => {
    const { responder, written, passed } = setup()
    const reply = { type: 4, data: { content: 'hi', flags: 64, allowed_mentions: { parse: [] } } }
    const res = await responder.makeRequest(CALLBACK, json(reply))
    expect(res.status).toBe(204)
    expect(written.map((w) => JSON.parse(w))).toEqual([reply])
    expect(passed).toEqual([])
  })

  it('sends every other request on: webhooks, other interactions, a wrong token', async () => {
    const { responder, passed, written } = setup()
    const others = [
      `${API}/webhooks/${APP}/${TOKEN}/messages/%40original`,
      `${API}/webhooks/${APP}/${TOKEN}?wait=true`,
      `${API}/interactions/1300000000000000002/${TOKEN}/callback`,
      `${API}/interactions/${ID}/another-token/callback`,
    ]
    for (const url of others) await responder.makeRequest(url, json({ type: 4, data: {} }))
    expect(passed).toEqual(others)
    expect(written).toEqual([])
  })

  it('a second response is refused as Discord refuses it (40060)', async () => {
    const { responder } = setup()
    await responder.makeRequest(CALLBACK, json({ type: 4, data: { content: 'one' } }))
    const second = await responder.makeRequest(CALLBACK, json({ type: 4, data: { content: 'two' } }))
    expect(second.status).toBe(400)
    expect(await second.json()).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' })
  })

  it('a reply with files: a deferral keeping the ephemeral flag, then the message and files as an edit of @original', async () => {
    const { responder, written, patches } = setup()
    const form = new FormData()
    form.append('files[0]', new Blob(['row 1\n'], { type: 'text/plain' }), 'skipped.txt')
    form.append(
      'payload_json',
      JSON.stringify({ type: 4, data: { content: 'see the file', flags: 64, tts: false, attachments: [{ id: 0 }] } }),
    )
    const res = await responder.makeRequest(CALLBACK, { method: 'POST', body: form })
    expect(res.status).toBe(204)
    expect(written.map((w) => JSON.parse(w))).toEqual([{ type: 5, data: { flags: 64 } }])
    expect(patches).toHaveLength(1)
    expect(patches[0]!.route).toBe(`/webhooks/${APP}/${TOKEN}/messages/@original`)
    expect(patches[0]!.options.auth).toBe(false)
    expect(patches[0]!.options.body).toEqual({ content: 'see the file', attachments: [{ id: 0 }] })
    const [file] = patches[0]!.options.files as Array<{ key: string; name: string; data: Buffer; contentType: string }>
    expect(file).toMatchObject({ key: 'files[0]', name: 'skipped.txt', contentType: 'text/plain' })
    expect(file!.data.toString()).toBe('row 1\n')
  })

  it('an update with files: a deferred update, then the edit', async () => {
    const { responder, written, patches } = setup(3)
    const form = new FormData()
    form.append('files[0]', new Blob(['x']), 'a.txt')
    form.append('payload_json', JSON.stringify({ type: 7, data: { content: 'page 2' } }))
    await responder.makeRequest(CALLBACK, { method: 'POST', body: form })
    expect(written.map((w) => JSON.parse(w))).toEqual([{ type: 6 }])
    expect(patches[0]!.options.body).toEqual({ content: 'page 2' })
  })

  it('at the deadline: a deferral by kind; what comes later becomes an edit, a later defer is a no-op', async () => {
    const command = setup(2)
    expect(await command.entry.deferNow()).toBe(true)
    expect(await command.entry.deferNow()).toBe(false)
    expect((await command.responder.makeRequest(CALLBACK, json({ type: 5, data: { flags: 64 } }))).status).toBe(204)
    const late = await command.responder.makeRequest(CALLBACK, json({ type: 4, data: { content: 'late', flags: 64 } }))
    expect(late.status).toBe(204)
    expect(command.written.map((w) => JSON.parse(w))).toEqual([{ type: 5 }])
    expect(command.patches.map((p) => p.options.body)).toEqual([{ content: 'late' }])

    const button = setup(3)
    await button.entry.deferNow()
    await button.responder.makeRequest(CALLBACK, json({ type: 7, data: { content: 'page 2' } }))
    expect(button.written.map((w) => JSON.parse(w))).toEqual([{ type: 6 }])
    expect(button.patches.map((p) => p.options.body)).toEqual([{ content: 'page 2' }])

    const autocomplete = setup(4)
    await autocomplete.entry.deferNow()
    expect(autocomplete.written.map((w) => JSON.parse(w))).toEqual([{ type: 8, data: { choices: [] } }])
    const choices = await autocomplete.responder.makeRequest(CALLBACK, json({ type: 8, data: { choices: [] } }))
    expect(choices.status).toBe(404)
    expect(await choices.json()).toMatchObject({ code: 10062 })
  })

  it('when the connection is gone, discord.js hears "Unknown interaction" (10062)', async () => {
    const responder = new InteractionResponder(memoryLogger().log)
    responder.open({ id: ID, token: TOKEN, application_id: APP, type: 2 }, () => Promise.resolve(false))
    const res = await responder.makeRequest(CALLBACK, json({ type: 4, data: {} }))
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 10062 })
  })
})

describe('interactionLabels', () => {
  const known = (name: string) => name === 'when'
  const fake = (kind: string, fields: Record<string, unknown>) =>
    ({
      isAutocomplete: () => kind === 'autocomplete',
      isChatInputCommand: () => kind === 'command',
      isMessageComponent: () => kind === 'button' || kind === 'select',
      isButton: () => kind === 'button',
      isModalSubmit: () => false,
      ...fields,
    }) as unknown as Interaction

  it('names registered commands and known button prefixes only, so that no one can grow the label set', () => {
    expect(interactionLabels(fake('command', { commandName: 'when' }), known)).toEqual({
      type: 'command',
      command: 'when',
    })
    expect(interactionLabels(fake('command', { commandName: 'x'.repeat(32) }), known).command).toBe('unknown')
    expect(interactionLabels(fake('autocomplete', { commandName: 'when' }), known)).toEqual({
      type: 'autocomplete',
      command: 'when',
    })
    expect(interactionLabels(fake('button', { customId: 'page:abc:1' }), known)).toEqual({
      type: 'button',
      command: 'page',
    })
    expect(interactionLabels(fake('button', { customId: 'anything-goes:1' }), known).command).toBe('other')
    expect(interactionLabels(fake('select', { customId: 'tl:s:abc:0' }), known)).toEqual({
      type: 'select',
      command: 'tl',
    })
  })
})
