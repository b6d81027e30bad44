// Downloading an attachment for /import (src/bot/download.ts): only from Discord's hosts, cut off at the size limit
// while it is read, given up after the time limit, and checked strictly for UTF-8. Against a local HTTP server.

import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  attachmentOrigins,
  download,
  DownloadError,
  formatSize,
  isAllowedUrl,
  utf8Problem,
} from '../src/bot/download.js'

let server: Server
let origin: string
/** How many bytes the server managed to send on each stream before the client went away. */
const sent: Record<string, number> = {}
const open = new Set<ServerResponse>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    if (path === '/ok') return void res.writeHead(200, { 'content-length': '5' }).end('hello')
    if (path === '/declared-big') return void res.writeHead(200, { 'content-length': '1000000' }).end('x')
    if (path === '/redirect') return void res.writeHead(302, { location: 'http://example.com/' }).end()
    if (path === '/missing') return void res.writeHead(404).end()
    if (path === '/endless') {
      // No Content-Length, and more bytes than any limit: only counting while reading stops it.
      res.writeHead(200)
      sent.endless = 0
      const chunk = Buffer.alloc(16 * 1024, 0x61)
      const pump = () => {
        while (!res.destroyed && sent.endless! < 50 * 1024 * 1024) {
          sent.endless! += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => open.delete(res))
      open.add(res)
      pump()
      return
    }
    if (path === '/stall') {
      res.writeHead(200, { 'content-length': '100' })
      res.write('the first bytes…')
      open.add(res)
      res.on('close', () => open.delete(res))
      return
    }
    res.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const options = () => ({ origins: [origin], maxBytes: 1024, timeoutMs: 5_000, name: 'articles.jsonl' })

describe('which addresses an attachment may come from', () => {
  it("allows Discord's CDN over https and DISCORD_API_URL's own origin, nothing else", () => {
    const origins = attachmentOrigins('http://127.0.0.1:4000/api')
    expect(isAllowedUrl('https://cdn.discordapp.com/attachments/1/2/a.md?ex=1', origins)).toBe(true)
    expect(isAllowedUrl('https://media.discordapp.net/attachments/1/2/a.md', origins)).toBe(true)
    expect(isAllowedUrl('http://127.0.0.1:4000/attachments/1/a.md', origins)).toBe(true)
    expect(isAllowedUrl('http://cdn.discordapp.com/attachments/1/2/a.md', origins)).toBe(false)
    expect(isAllowedUrl('https://cdn.discordapp.com.evil.example/a.md', origins)).toBe(false)
    expect(isAllowedUrl('https://evil.example/cdn.discordapp.com/a.md', origins)).toBe(false)
    expect(isAllowedUrl('http://127.0.0.1:4001/attachments/1/a.md', origins)).toBe(false)
    expect(isAllowedUrl('https://user:pw@cdn.discordapp.com/a.md', origins)).toBe(false)
    expect(isAllowedUrl('file:///etc/passwd', origins)).toBe(false)
    expect(isAllowedUrl('not a url', origins)).toBe(false)
    // Discord's own API host is Discord's; no test host is allowed in production.
    expect(attachmentOrigins('https://discord.com/api')).toEqual([
      'https://cdn.discordapp.com',
      'https://media.discordapp.net',
      'https://discord.com',
    ])
  })
})

describe('download', () => {
  it('reads a file from an allowed origin', async () => {
    expect((await download(`${origin}/ok`, options())).toString()).toBe('hello')
  })

  it('refuses an address that is not allowed, without asking it', async () => {
    await expect(download('https://evil.example/a.jsonl', options())).rejects.toThrow(
      "articles.jsonl is not on Discord's servers (evil.example); nothing was downloaded.",
    )
  })

  it('refuses a file that says it is over the limit before reading it', async () => {
    await expect(download(`${origin}/declared-big`, options())).rejects.toThrow(
      'articles.jsonl is larger than the 1 KB an import may be (IMPORT_MAX_BYTES)',
    )
  })

  it('cuts off a file that does not say its size once the limit is passed, without reading it all', async () => {
    const err = await download(`${origin}/endless`, { ...options(), maxBytes: 100 * 1024 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DownloadError)
    expect((err as Error).message).toContain('larger than the 100 KB an import may be')
    await new Promise((r) => setTimeout(r, 50))
    // The server was stopped long before its 50 MB: the connection was closed, not drained.
    expect(sent.endless).toBeLessThan(10 * 1024 * 1024)
  })

  it('gives up on a download that stalls, saying so', async () => {
    const err = await download(`${origin}/stall`, { ...options(), timeoutMs: 200 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DownloadError)
    expect((err as Error).message).toBe(
      'The download of articles.jsonl did not finish within 200 ms; nothing was imported. Try again in a moment.',
    )
  })

  it('does not follow a redirect, and reports an error status', async () => {
    await expect(download(`${origin}/redirect`, options())).rejects.toThrow('Discord answered 302')
    await expect(download(`${origin}/missing`, options())).rejects.toThrow('Discord answered 404')
  })
})

describe('utf8Problem', () => {
  it('accepts UTF-8 (with a BOM, or with real U+FFFD characters) and names the first line that is not', () => {
    expect(utf8Problem(Buffer.from('\ufeffid,body\n1,Ḥomṣ �\n'))).toBeUndefined()
    const bytes = Buffer.concat([Buffer.from('id,body\n1,fine\n2,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])
    expect(utf8Problem(bytes)).toBe('line 3 is not valid UTF-8 (save the file as UTF-8 and send it again)')
    expect(utf8Problem(Buffer.from([0x48, 0x6f, 0x6d, 0x73, 0xe9]))).toMatch(/^line 1 is not valid UTF-8/)
  })

  it('formats sizes as moderators read them', () => {
    expect(formatSize(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(1)).toBe('1 byte')
  })
})
