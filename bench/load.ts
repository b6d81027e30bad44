// The load run of `npm run bench`: the bot started as `npm start` starts it (its own process, the real discord.js
// client), a fake Discord in this process sending it interactions over the gateway: a burst of 1,000 at once from
// many users over all commands, then a steady 200 a second for 30 s with a /reindex of FA-KES ×10 in the middle.
// Prints answered / lost / errors, the time from dispatch to the reply's REST call, and the longest event-loop
// stall of the bot (measured inside it by bench/stall-probe.ts), overall and during the reindex.

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { PermissionFlagsBits } from 'discord.js'
import { COMMAND_LIST, USER_NAMES } from '../src/bot/commands.js'
import type { Command } from '../src/engine/types.js'
import { ensureIndexFile } from '../src/runtime/open-index.js'
import { FakeDiscord } from '../tests/fake-discord.js'
import { makeCorpus, OUT } from './corpus.js'

const here = dirname(fileURLToPath(import.meta.url))
const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB'
const BURST = 1000
const RATE = 200
const STEADY_SECONDS = 30
const REINDEX_AT_SECONDS = 8

interface Sent {
  token: string
  kind: string
  at: number
}

export async function loadRun(): Promise<void> {
  const corpus = await makeCorpus(10)
  const indexPath = join(OUT, 'load-x10.index')
  ensureIndexFile({ corpusPath: corpus, indexPath })
  const fake = await FakeDiscord.start({ token: TOKEN })
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const bot = spawn(
    process.execPath,
    [
      ...profile,
      '--import',
      tsx,
      '--import',
      pathToFileURL(join(here, 'stall-probe.ts')).href,
      join(here, '../src/main.ts'),
    ],
    {
      cwd: mkdtempSync(join(tmpdir(), 'syria-news-bot-load-')),
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        CORPUS_DIR: corpus,
        INDEX_PATH: indexPath,
        COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  bot.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve))
  await fake.waitForReady(1, 180_000)
  const readyAt = Date.now()

  const questions = readFileSync(join(here, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { command: Command; query: string })
  // The questions name the engine's commands; Discord gets the registry's names for them (search → ask).
  const names = USER_NAMES
  // The commands without options and without a cost (sources, stats, help), from the registry.
  const cheap = COMMAND_LIST.filter((c) => c.noCooldown && !c.engineCommand && (c.data.options ?? []).length === 0).map(
    (c) => c.data.name,
  )
  const sent: Sent[] = []
  let n = 0
  const send = () => {
    const i = n++
    const user = { userId: String(100000000000000000n + BigInt(i % 5000)) }
    const roll = i % 20
    let r: { token: string }
    let kind: string
    if (roll < 14) {
      const q = questions[i % questions.length]!
      kind = names[q.command]!
      r = fake.sendCommand(kind, [{ name: 'question', type: 3, value: q.query }], user)
    } else if (roll < 17) {
      const q = questions[(i * 7) % questions.length]!
      kind = 'autocomplete'
      r = fake.sendAutocomplete(
        names[q.command]!,
        [{ name: 'question', type: 3, value: q.query.slice(0, 3 + (i % 12)), focused: true }],
        user,
      )
    } else {
      kind = cheap[i % cheap.length]!
      r = fake.sendCommand(kind, [], user)
    }
    sent.push({ token: r.token, kind, at: performance.now() })
  }

  // The first callback of each interaction, indexed as requests come in (a scan per lookup would slow this process).
  const callbacks = new Map<string, { at: number; body: any }>()
  let indexed = 0
  const firstResponse = (token: string) => {
    for (; indexed < fake.requests.length; indexed++) {
      const r = fake.requests[indexed]!
      const m = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(r.path)
      if (m && !callbacks.has(m[1]!)) callbacks.set(m[1]!, r)
    }
    return callbacks.get(token)
  }
  // This process's own stalls, to tell them apart from the bot's.
  let benchStall = 0
  let tick = performance.now()
  const benchProbe = setInterval(() => {
    const now = performance.now()
    benchStall = Math.max(benchStall, now - tick - 5)
    tick = now
  }, 5)
  const settle = async (list: Sent[], ms: number) => {
    const until = performance.now() + ms
    while (performance.now() < until && list.some((s) => !firstResponse(s.token)))
      await new Promise((r) => setTimeout(r, 50))
  }

  // Burst: 1,000 at once.
  const burstStart = sent.length
  for (let i = 0; i < BURST; i++) send()
  await settle(sent.slice(burstStart), 30_000)
  const burst = summarize(sent.slice(burstStart), firstResponse)

  // Steady: 200 a second, with a /reindex of FA-KES ×10 in the middle.
  const steadyStart = sent.length
  let reindex: { token: string; at: number; wall: number } | undefined
  const began = performance.now()
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - began) / 1000
      const due = Math.floor(elapsed * RATE) - (sent.length - steadyStart)
      for (let i = 0; i < due; i++) send()
      if (!reindex && elapsed >= REINDEX_AT_SECONDS) {
        const r = fake.sendCommand('reindex', [], { permissions: String(PermissionFlagsBits.ManageGuild) })
        reindex = { token: r.token, at: performance.now(), wall: Date.now() }
      }
      if (elapsed >= STEADY_SECONDS) {
        clearInterval(timer)
        resolve()
      }
    }, 5)
  })
  await settle(sent.slice(steadyStart), 10_000)
  const steady = summarize(sent.slice(steadyStart), firstResponse)
  const report = reindex
    ? await fake
        .waitForRequest((r) => r.path.includes(reindex!.token) && r.method === 'PATCH', 180_000)
        .catch(() => undefined)
    : undefined
  const reindexWindow =
    reindex && report
      ? { from: reindex.wall, to: reindex.wall + (report.at - reindex.at), seconds: (report.at - reindex.at) / 1000 }
      : undefined
  const duringReindex = reindexWindow
    ? summarize(
        sent.slice(steadyStart).filter((s) => s.at >= reindex!.at && s.at <= report!.at),
        firstResponse,
      )
    : undefined

  clearInterval(benchProbe)
  bot.kill('SIGTERM')
  const code = await exited
  await fake.stop()
  const probe = /STALL-PROBE (.*)/.exec(stderr)
  const stalls = probe
    ? (JSON.parse(probe[1]!) as { maxMs: number; p99Ms: number; stalls: Array<[number, number]> })
    : undefined
  const stallDuring =
    stalls && reindexWindow
      ? Math.max(
          0,
          ...stalls.stalls.filter(([t, d]) => t + d >= reindexWindow.from && t <= reindexWindow.to).map(([, d]) => d),
        )
      : undefined
  // Stalls once the bot was ready (its start-up, loading the index, is not serving anyone).
  const serving = stalls ? stalls.stalls.filter(([t]) => t >= readyAt) : []
  const worst = serving.reduce((m, [, d]) => Math.max(m, d), 0)

  console.log(
    `\nload run: the bot as npm start runs it (FA-KES ×10, ${questions.length} questions, cooldown off), fake Discord on 127.0.0.1`,
  )
  console.log(`  burst of ${BURST} at once:      ${burst.line}`)
  console.log(`  steady ${RATE}/s for ${STEADY_SECONDS} s:      ${steady.line}`)
  if (duringReindex && reindexWindow)
    console.log(`  during the reindex (${reindexWindow.seconds.toFixed(1)} s): ${duringReindex.line}`)
  else console.log('  the reindex did not report back')
  if (report) console.log(`  reindex report: ${report.body.embeds?.[0]?.description ?? report.body.content}`)
  if (stalls) {
    console.log(
      `  bot event loop once ready: longest stall ${worst} ms (${stallDuring ?? '?'} ms during the reindex), stalls over 50 ms: ${serving.filter(([, d]) => d > 50).length}; ` +
        `at start-up (loading the index): ${Math.round(stalls.maxMs)} ms`,
    )
  }
  console.log(`  this process (fake Discord and load) stalled at most ${Math.round(benchStall)} ms`)
  console.log(`  the bot exited with code ${code} on SIGTERM`)
}

function summarize(
  list: Sent[],
  firstResponse: (token: string) => { at: number; body: any } | undefined,
): { line: string } {
  const latencies: number[] = []
  let lost = 0
  let errors = 0
  let late = 0
  for (const s of list) {
    const r = firstResponse(s.token)
    if (!r) {
      lost++
      continue
    }
    const ms = r.at - s.at
    latencies.push(ms)
    if (ms > 3000) late++
    const content: string = r.body?.data?.content ?? ''
    if (/Something went wrong|restarting/.test(content)) errors++
  }
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
  return {
    line: `${latencies.length} answered, ${lost} lost, ${errors} errors, ${late} over 3 s; dispatch → reply p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms`,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await loadRun()
