// `npm start` and `npm run deploy-commands` as processes, the way they run in production, against the fake Discord:
// the ready line, an answer, a clean stop on SIGTERM, a wrong token, bad settings, the console without a token,
// and command registration. The token never appears in what they print.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { COMMAND_LIST } from '../src/bot/commands.js'
import { CONSOLE_HELP } from '../src/bot/console.js'
import { FakeDiscord } from './fake-discord.js'
import { REPO, SEED_CORPUS, TEST_DATA, TEST_TOKEN } from './helpers.js'

interface Run {
  child: ChildProcess
  out: () => string
  exited: Promise<number | null>
  waitFor(pattern: RegExp, ms?: number): Promise<string>
}

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-process-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function run(script: string, env: Record<string, string>, stdin?: string): Run {
  // The repository's tsx, by path: the process runs in an empty folder (so that no .env is read).
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href, script],
    {
      cwd: tmp, // no .env there: only the settings given here
      env: {
        PATH: process.env.PATH ?? '',
        CORPUS_DIR: SEED_CORPUS,
        INDEX_PATH: join(TEST_DATA, 'seeds.index.json'),
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const listeners = new Set<() => void>()
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    for (const l of listeners) l()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  if (stdin !== undefined) child.stdin.end(stdin)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    out: () => output,
    exited,
    waitFor(pattern, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(output)
          if (m) {
            listeners.delete(check)
            clearTimeout(timer)
            resolve(m[0])
          }
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`timed out waiting for ${pattern} in:\n${output}`))
        }, ms)
        listeners.add(check)
        check()
      })
    },
  }
}

const MAIN = join(REPO, 'src/main.ts')
const DEPLOY = join(REPO, 'src/bot/deploy.ts')

describe('npm start', () => {
  it('connects with the token, logs one ready line with counts, answers, and stops cleanly on SIGTERM', async () => {
    const fake = await FakeDiscord.start({ token: TEST_TOKEN })
    try {
      const bot = run(MAIN, { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info' })
      const ready = await bot.waitFor(/"msg":"ready as [^"]+"/)
      expect(ready).toMatch(/in 1 server\(s\): 2 articles, 32 passages from 2 outlets/)
      const { token } = fake.sendCommand('casualties', [{ name: 'question', type: 3, value: 'killed in June' }])
      const reply = await fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'))
      expect(reply.body.data.embeds[0].title).toBe('at least 173 killed')
      bot.child.kill('SIGTERM')
      expect(await bot.exited).toBe(0)
      expect(bot.out().match(/"msg":"ready as /g)).toHaveLength(1)
      expect(bot.out()).toContain('stopping: finishing replies in flight')
      expect(bot.out()).not.toContain(TEST_TOKEN)
    } finally {
      await fake.stop()
    }
  })

  it('a token Discord rejects: one clear line, exit 1, the token not printed', async () => {
    const fake = await FakeDiscord.start({ token: TEST_TOKEN })
    try {
      const wrong = TEST_TOKEN.replace(/.$/, 'Z')
      const bot = run(MAIN, { DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl })
      expect(await bot.exited).toBe(1)
      expect(bot.out().match(/Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/g)).toHaveLength(1)
      // One line, not a stack trace.
      expect(bot.out()).not.toMatch(/^\s+at /m)
      expect(bot.out()).not.toContain(wrong)
    } finally {
      await fake.stop()
    }
  })

  it('bad settings are named, all at once, and nothing starts', async () => {
    // An index path with no index yet: had anything started, the index would have been built there.
    const indexPath = join(tmp, 'bad-settings.index')
    const bot = run(MAIN, {
      DISCORD_TOKEN: 'not-a-token',
      COOLDOWN_SECONDS: 'soon',
      LOG_LEVEL: 'loud',
      INDEX_PATH: indexPath,
    })
    expect(await bot.exited).toBe(2)
    const out = bot.out()
    expect(out).toContain('DISCORD_TOKEN does not look like a bot token')
    expect(out).toContain('COOLDOWN_SECONDS must be a number of seconds')
    expect(out).toContain('LOG_LEVEL must be one of')
    expect(out).not.toContain('not-a-token')
    // The problems, and nothing else: no index opened, no console, no connection.
    const [heading, ...problems] = out.trim().split('\n')
    expect(heading).toMatch(/^Settings problem/)
    expect(problems).toHaveLength(3)
    for (const p of problems) expect(p).toMatch(/^ {2}- /)
    expect(existsSync(indexPath)).toBe(false)
  })

  it('without a token, says so and opens the console, which answers the slash commands as text', async () => {
    const bot = run(MAIN, {}, '/when when did IS seize Raqqa\nRafiqah Wall\n/quit\n')
    expect(await bot.exited).toBe(0)
    const out = bot.out()
    expect(out.split('\n')[0]).toBe(
      'No DISCORD_TOKEN set: starting the local console (set DISCORD_TOKEN in .env to connect to Discord).',
    )
    // The registry's help, every command in it.
    expect(out).toContain(CONSOLE_HELP)
    for (const c of COMMAND_LIST) expect(CONSOLE_HELP).toContain(`/${c.data.name}`)
    expect(out).toContain('1. 2014')
    expect(out).toContain('“IS seized Raqqa in 2014, proclaiming it the capital of a "caliphate".”')
    // A line without a slash is /ask, and is headed so.
    expect(out).toMatch(/^(> )?\/ask Rafiqah Wall$/m)
    expect(out).not.toContain('/search')
  })
})

describe('npm run deploy-commands', () => {
  it('registers every command in the development server, within Discord’s limits', async () => {
    const fake = await FakeDiscord.start({ token: TEST_TOKEN })
    try {
      const clientId = fake.applicationId
      const guildId = fake.guildIds[0]!
      const deploy = run(DEPLOY, {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_CLIENT_ID: clientId,
        DISCORD_GUILD_ID: guildId,
        DISCORD_API_URL: fake.apiUrl,
      })
      expect(await deploy.exited).toBe(0)
      // What is registered is the command registry: every file of commands/, in its order.
      const names = COMMAND_LIST.map((c) => `/${c.data.name}`).join(' ')
      expect(deploy.out()).toContain(
        `registered ${COMMAND_LIST.length} commands in server ${guildId} (available now): ${names}\n`,
      )
      expect(deploy.out().startsWith('registered ')).toBe(true)
      const put = fake.requests.find(
        (r) => r.method === 'PUT' && r.path === `/applications/${clientId}/guilds/${guildId}/commands`,
      )!
      expect((put.body as Array<{ name: string }>).map((c) => c.name)).toEqual(COMMAND_LIST.map((c) => c.data.name))
      expect(put.body).toEqual(JSON.parse(JSON.stringify(COMMAND_LIST.map((c) => c.data))))
      expect(names).toContain('/ask')
      expect(names).not.toContain('/search')
      expect(put.headers.authorization).toBe(`Bot ${TEST_TOKEN}`)
      for (const c of put.body as Array<{
        name: string
        description: string
        options?: Array<{ name: string; description: string }>
        default_member_permissions?: string
      }>) {
        expect(c.name).toMatch(/^[a-z]{1,32}$/)
        expect(c.description.length).toBeLessThanOrEqual(100)
        expect((c.options ?? []).length).toBeLessThanOrEqual(25)
        for (const o of c.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100)
        expect(JSON.stringify(c).length).toBeLessThan(8000)
      }
      expect(
        (put.body as Array<{ name: string; default_member_permissions?: string }>).find((c) => c.name === 'reindex')!
          .default_member_permissions,
      ).toBe('32')
    } finally {
      await fake.stop()
    }
  })

  it('without a client id, names the setting', async () => {
    const deploy = run(DEPLOY, { DISCORD_TOKEN: TEST_TOKEN })
    expect(await deploy.exited).toBe(1)
    expect(deploy.out()).toContain('DISCORD_CLIENT_ID is required to register the commands')
  })
})
