// Downloading a file a member attached to a command: only from Discord's CDN (or from DISCORD_API_URL's own host,
// a proxy or the fake Discord of the tests), within a time limit for the whole download, and with its size counted
// while it is read, so that a file over the limit (or a server that says one size and sends more) is cut off at the
// limit instead of being held in memory first. The text must be UTF-8, checked strictly.

import { invalidUtf8Lines } from '../engine/corpus/loader.js'

export class DownloadError extends Error {
  override name = 'DownloadError'
}

/** Where Discord serves attachments. */
export const DISCORD_CDN_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const

/**
 * The origins an attachment may come from: Discord's CDN over https, and the origin of DISCORD_API_URL (Discord's
 * own, a REST proxy in front of it, or the fake Discord of the tests).
 */
export function attachmentOrigins(discordApiUrl: string): string[] {
  const origins: string[] = DISCORD_CDN_HOSTS.map((h) => `https://${h}`)
  try {
    const api = new URL(discordApiUrl)
    if (!origins.includes(api.origin)) origins.push(api.origin)
  } catch {
    // A bad DISCORD_API_URL is refused at start; here it only adds no origin.
  }
  return origins
}

/** Whether `url` is an http(s) URL, without a user name or password, on one of `origins`. */
export function isAllowedUrl(url: string, origins: readonly string[]): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false
  if (u.username || u.password) return false
  return origins.includes(u.origin)
}

export interface DownloadOptions {
  /** The origins allowed (attachmentOrigins). */
  origins: readonly string[]
  /** More bytes than this and the download is stopped. */
  maxBytes: number
  /** The whole download, from the request to the last byte, in ms. */
  timeoutMs: number
  /** What the file is called in messages. */
  name?: string
}

/** Downloads `url` into memory, or throws a DownloadError saying why in a sentence a moderator understands. */
export async function download(url: string, options: DownloadOptions): Promise<Buffer> {
  const name = options.name ?? 'the file'
  if (!isAllowedUrl(url, options.origins)) {
    throw new DownloadError(`${name} is not on Discord's servers (${hostOf(url)}); nothing was downloaded.`)
  }
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const stop = new AbortController()
  const signal = AbortSignal.any([timeout, stop.signal])
  const timedOut = () =>
    new DownloadError(
      `The download of ${name} did not finish within ${seconds(options.timeoutMs)}; nothing was imported. Try again in a moment.`,
    )
  const tooBig = () =>
    new DownloadError(
      `${name} is larger than the ${formatSize(options.maxBytes)} an import may be (IMPORT_MAX_BYTES); nothing was imported. Split it into smaller files.`,
    )
  let res: Response
  try {
    res = await fetch(url, { redirect: 'manual', signal })
  } catch (err) {
    if (timeout.aborted) throw timedOut()
    throw new DownloadError(`${name} could not be downloaded (${causeOf(err)}); nothing was imported.`)
  }
  try {
    if (res.status !== 200) {
      throw new DownloadError(`${name} could not be downloaded (Discord answered ${res.status}); nothing was imported.`)
    }
    const declared = Number(res.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > options.maxBytes) throw tooBig()
    const chunks: Uint8Array[] = []
    let total = 0
    const reader = (res.body as ReadableStream<Uint8Array> | null)?.getReader()
    for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
      total += read.value.byteLength
      // Counted as it comes: a file that turns out larger is cut off here, not read to its end.
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => {})
        throw tooBig()
      }
      chunks.push(read.value)
    }
    return Buffer.concat(chunks, total)
  } catch (err) {
    if (err instanceof DownloadError) throw err
    if (timeout.aborted) throw timedOut()
    throw new DownloadError(`${name} could not be downloaded (${causeOf(err)}); nothing was imported.`)
  } finally {
    // Whatever happened, the connection is not left open (a stalled server, a file cut off at the limit).
    stop.abort()
  }
}

/**
 * Why `bytes` are not UTF-8 text, naming the first line that is not ("line 3 is not valid UTF-8"), or undefined
 * when they are. Checked with a strict (fatal) decoder: nothing is replaced with U+FFFD behind the moderator's back.
 */
export function utf8Problem(bytes: Uint8Array): string | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return undefined
  } catch {
    const [line] = invalidUtf8Lines(bytes, 1)
    return `${line === undefined ? 'it' : `line ${line}`} is not valid UTF-8 (save the file as UTF-8 and send it again)`
  }
}

/** "5 MB", "500 KB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`
  return `${bytes} byte${bytes === 1 ? '' : 's'}`
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'no host'
  } catch {
    return 'not a URL'
  }
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } }
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err)
}
