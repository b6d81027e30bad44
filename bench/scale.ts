// npm run bench:scale [-- --replicas 2 --corpus PATH --burst 1000 --rate 300 --seconds 30]
// The bot in HTTP interactions mode as several hosts would run it: replicas started as `npm start` starts them (each
// its own process, DISCORD_PUBLIC_KEY and INTERACTIONS_PORT set, all on one index file), behind nginx on 127.0.0.1,
// and a fake Discord in this process POSTing signed interactions to nginx as Discord POSTs them to an "Interactions
// Endpoint URL": a burst of 1,000 at once, then 300 a second for 30 s with a /reindex in the middle (one replica
// builds, every replica switches to the new file). The same with one replica behind nginx, side by side.
// Prints answered, lost (no response within Discord's 3 s), errors (a status other than 200), the time from sending
// to the HTTP response (p50 / p99 / max: Discord's deadline is on this one), and the time to the answer itself (the
// response, or for a deferred one the edit that follows), overall and per replica.
//
// SCALE_DEBUG=1 also prints when the slow answers came (by second of the run), each replica's event-loop stalls and
// any response other than 200; SCALE_PROF=DIR writes each replica's CPU profile there (node --cpu-prof).
//
// nginx is the Debian package `nginx` (or `nginx-light`): `sudo apt-get install nginx-light`. Without it the script
// says so and runs the replicas without a load balancer in front (the fake Discord alternates between them).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { PermissionFlagsBits } from 'discord.js'
import { USER_NAMES } from '../src/bot/commands.js'
import type { Command } from '../src/engine/types.js'
import { ensureIndexFile } from '../src/runtime/open-index.js'
import { FakeDiscord } from '../tests/fake-discord.js'
import { FAKES, OUT } from './corpus.js'

const here = dirname(fileURLToPath(import.meta.url))
/** Discord's deadline for the response to an interaction. */
const DEADLINE_MS = 3000

const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: '2' },
    corpus: { type: 'string', default: FAKES },
    burst: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '30' },
  },
})
const REPLICAS = Math.max(1, Number(values.replicas) || 2)
const BURST = Math.max(1, Number(values.burst) || 1000)
const RATE = Math.max(1, Number(values.rate) || 300)
const STEADY_SECONDS = Math.max(1, Number(values.seconds) || 30)
const REINDEX_AT_SECONDS = STEADY_SECONDS / 2

interface Replica {
  /** Wall-clock ms when it answered its first health check. */
  readyAt: number
  name: string
  port: number
  process: ChildProcess
  stderr: () => string
}

interface Run {
  label: string
  burst: Summary
  steady: Summary
  duringReindex: Summary | undefined
  reindexSeconds: number | undefined
}

interface Summary {
  /** From sending to the answer itself: the HTTP response, or for a deferral the edit that follows it. */
  answer?: { p50: number; p99: number; max: number; deferred: number }
  sent: number
  answered: number
  lost: number
  errors: number
  p50: number
  p99: number
  max: number
  byReplica: Map<string, number>
}

/** This process's own longest stall: a slow load generator would show as slow replicas. */
const benchStall = { max: 0 }
let tick = performance.now()
setInterval(() => {
  const now = performance.now()
  benchStall.max = Math.max(benchStall.max, now - tick - 5)
  tick = now
}, 5).unref()

async function main(): Promise<void> {
  const dir = join(OUT, 'scale')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'nginx'), { recursive: true })
  const indexPath = join(dir, 'shared.index')
  ensureIndexFile({ corpusPath: values.corpus, indexPath })
  const nginx = nginxVersion()
  if (!nginx)
    console.log(
      'nginx not found: install the Debian package (sudo apt-get install nginx-light) to run the replicas behind it; running without a load balancer.',
    )

  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const publicHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex')
  const questions = readFileSync(join(here, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { command: Command; query: string })

  const runs: Run[] = []
  for (const count of REPLICAS > 1 ? [REPLICAS, 1] : [1]) {
    const fake = await FakeDiscord.start()
    const replicas = await Promise.all(
      Array.from({ length: count }, (_, i) => startReplica(`replica-${i + 1}`, fake, publicHex, indexPath)),
    )
    let stopNginx = (): Promise<void> => Promise.resolve()
    let endpoint: string
    if (nginx) {
      const started = await startNginx(join(dir, 'nginx'), replicas)
      stopNginx = started.stop
      endpoint = `http://127.0.0.1:${started.port}/interactions`
    } else {
      endpoint = `http://127.0.0.1:${replicas[0]!.port}/interactions`
    }
    fake.useInteractionsEndpoint(endpoint, privateKey)
    const label = `${count} replica${count === 1 ? '' : 's'}${nginx ? ' behind nginx' : ''}`
    console.log(
      `\n${label}: burst of ${BURST}, then ${RATE}/s for ${STEADY_SECONDS} s with a /reindex at ${REINDEX_AT_SECONDS} s`,
    )
    const before = await builtAtOf(replicas)
    runs.push(await loadRun(label, fake, questions))
    // The reindex ran in one replica; every replica follows the file it wrote.
    const waitedFrom = performance.now()
    let after = await builtAtOf(replicas)
    while (new Set(after).size > 1 || after[0] === before[0]) {
      if (performance.now() - waitedFrom > 60_000) break
      await new Promise((r) => setTimeout(r, 200))
      after = await builtAtOf(replicas)
    }
    console.log(
      new Set(after).size === 1 && after[0] !== before[0]
        ? `  every replica answers from the new index (built ${after[0]})`
        : `  the replicas' indexes: ${after.join(', ')} (before: ${before.join(', ')})`,
    )
    await stopNginx()
    for (const r of replicas) r.process.kill('SIGTERM')
    await Promise.all(replicas.map((r) => new Promise((resolve) => r.process.once('exit', resolve))))
    for (const r of replicas) {
      const probe = /STALL-PROBE (.*)/.exec(r.stderr())
      const stalls = probe ? (JSON.parse(probe[1]!) as { stalls: Array<[number, number]> }).stalls : []
      const serving = stalls.filter(([at]) => at >= r.readyAt)
      if (process.env.SCALE_DEBUG)
        console.log(`  event-loop stalls over 50 ms [when, ms]: ${JSON.stringify(serving.filter(([, ms]) => ms > 50))}`)
      console.log(
        `  ${r.name}: longest event-loop stall once serving ${Math.max(0, ...serving.map(([, ms]) => ms))} ms, stalls over 50 ms: ${serving.filter(([, ms]) => ms > 50).length}`,
      )
    }
    console.log(`  this process (fake Discord and load) stalled at most ${Math.round(benchStall.max)} ms`)
    benchStall.max = 0
    await fake.stop()
  }

  console.log(
    `\nbench:scale: FA-KES, HTTP interactions mode, ${nginx ? `nginx ${nginx}` : 'no load balancer'}, 127.0.0.1`,
  )
  const header = ['', ...runs.map((r) => r.label)]
  const rows: string[][] = [
    ['burst: answered / lost / errors', ...runs.map((r) => counts(r.burst))],
    ['burst: p50 / p99 / max', ...runs.map((r) => times(r.burst))],
    ['burst: answer p50 / p99 / max', ...runs.map((r) => answerLine(r.burst))],
    ['burst: by replica', ...runs.map((r) => shares(r.burst))],
    [`${RATE}/s: answered / lost / errors`, ...runs.map((r) => counts(r.steady))],
    [`${RATE}/s: p50 / p99 / max`, ...runs.map((r) => times(r.steady))],
    [`${RATE}/s: answer p50 / p99 / max`, ...runs.map((r) => answerLine(r.steady))],
    [`${RATE}/s: by replica`, ...runs.map((r) => shares(r.steady))],
    [
      'during the reindex: p50 / p99 / max',
      ...runs.map((r) =>
        r.duringReindex ? `${times(r.duringReindex)} (${r.reindexSeconds?.toFixed(1)} s)` : 'no report',
      ),
    ],
  ]
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c]!.length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '))
}

async function loadRun(
  label: string,
  fake: FakeDiscord,
  questions: Array<{ command: Command; query: string }>,
): Promise<Run> {
  let n = 0
  const send = (): string => {
    const i = n++
    const q = questions[i % questions.length]!
    const user = { userId: String(100000000000000000n + BigInt(i % 5000)) }
    return fake.sendCommand(USER_NAMES[q.command]!, [{ name: 'question', type: 3, value: q.query }], user).token
  }
  // What the fake records is taken out of it as it comes (a compact copy kept here), so that ten thousand recorded
  // bodies do not slow this process down with its own garbage collection and make the replicas look slow.
  const deliveries = new Map<string, Outcome>()
  const edits = new Map<string, number>()
  let reindex: { token: string; at: number } | undefined
  let report: { at: number; body: { embeds?: Array<{ description?: string }>; content?: string } } | undefined
  const drain = () => {
    for (const d of fake.deliveries.splice(0))
      deliveries.set(d.token, {
        status: d.status,
        ms: d.ms,
        type: (d.body as { type?: number } | undefined)?.type,
        servedBy: d.servedBy,
      })
    for (const r of fake.requests.splice(0)) {
      if (r.method !== 'PATCH') continue
      const m = /\/webhooks\/\d+\/([^/]+)\/messages\/@original/.exec(r.path)
      if (m && !edits.has(m[1]!)) edits.set(m[1]!, r.at)
      if (reindex && m?.[1] === reindex.token) report = { at: r.at, body: r.body as NonNullable<typeof report>['body'] }
    }
  }
  const drainer = setInterval(drain, 100)
  const delivered = (token: string): Outcome | undefined => deliveries.get(token)
  const settle = async (tokens: string[]) => {
    // Every delivery ends within Discord's deadline (the fake gives up at 3 s), so this always ends.
    for (;;) {
      drain()
      if (tokens.every((t) => deliveries.has(t))) return
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  const sentAt = new Map<string, number>()
  const timed = () => {
    const token = send()
    sentAt.set(token, performance.now())
    return token
  }
  const deferredType = (type: number | undefined) => type === 5 || type === 6
  // The answer of a deferred interaction is the edit of its deferred reply.
  const answerTimes = async (tokens: string[]) => {
    const deferred = tokens.filter((t) => deferredType(delivered(t)?.type))
    const until = performance.now() + 30_000
    while (performance.now() < until && !deferred.every((t) => edits.has(t))) {
      drain()
      await new Promise((r) => setTimeout(r, 100))
    }
    const ms = tokens
      .map((t) => {
        const d = delivered(t)
        if (!d || d.status !== 200) return undefined
        if (deferredType(d.type)) {
          const at = edits.get(t)
          return at === undefined ? undefined : at - sentAt.get(t)!
        }
        return d.ms
      })
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b)
    const q = (p: number) => (ms.length === 0 ? 0 : ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!)
    return { p50: q(0.5), p99: q(0.99), max: ms.at(-1) ?? 0, deferred: deferred.length }
  }

  const burstTokens = Array.from({ length: BURST }, timed)
  await settle(burstTokens)
  const burst = summarize(burstTokens.map((t) => delivered(t)!))
  burst.answer = await answerTimes(burstTokens)
  console.log(`  burst: ${counts(burst)}; ${times(burst)}`)

  const steady: Array<{ token: string; at: number }> = []
  const began = performance.now()
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - began) / 1000
      const due = Math.floor(elapsed * RATE) - steady.length
      for (let i = 0; i < due; i++) steady.push({ token: timed(), at: performance.now() })
      if (!reindex && elapsed >= REINDEX_AT_SECONDS) {
        const r = fake.sendCommand('reindex', [], { permissions: String(PermissionFlagsBits.ManageGuild) })
        reindex = { token: r.token, at: performance.now() }
      }
      if (elapsed >= STEADY_SECONDS) {
        clearInterval(timer)
        resolve()
      }
    }, 5)
  })
  await settle(steady.map((s) => s.token))
  const steadySummary = summarize(steady.map((s) => delivered(s.token)!))
  if (process.env.SCALE_DEBUG) {
    const odd = steady.map((s) => delivered(s.token)!).filter((d) => d.status !== 200)
    if (odd.length > 0) console.log(`  responses other than 200: ${JSON.stringify(odd)}`)
    const slow = steady.filter((x) => (delivered(x.token)?.ms ?? 0) > 100)
    const bySecond = new Map<number, number>()
    for (const x of slow) {
      const second = Math.floor((x.at - began) / 1000)
      bySecond.set(second, (bySecond.get(second) ?? 0) + 1)
    }
    console.log(`  slow (>100 ms) by second of the run: ${JSON.stringify([...bySecond])}`)
  }
  steadySummary.answer = await answerTimes(steady.map((s) => s.token))
  console.log(`  ${RATE}/s: ${counts(steadySummary)}; ${times(steadySummary)}`)
  // The reindex defers, then edits its reply with the report once built and switched.
  const waitedFrom = performance.now()
  while (reindex && !report && performance.now() - waitedFrom < 600_000) {
    drain()
    await new Promise((r) => setTimeout(r, 100))
  }
  clearInterval(drainer)
  const duringReindex =
    reindex && report
      ? summarize(steady.filter((s) => s.at >= reindex!.at && s.at <= report!.at).map((s) => delivered(s.token)!))
      : undefined
  if (report) console.log(`  reindex: ${report.body.embeds?.[0]?.description ?? report.body.content}`)
  return {
    label,
    burst,
    steady: steadySummary,
    duringReindex,
    reindexSeconds: reindex && report ? (report.at - reindex.at) / 1000 : undefined,
  }
}

/** What is kept of a delivery. */
interface Outcome {
  status: number
  ms: number
  type: number | undefined
  servedBy: string | undefined
}

function summarize(list: Outcome[]): Summary {
  const ok = list.filter((d) => d.status === 200)
  const ms = ok.map((d) => d.ms).sort((a, b) => a - b)
  const at = (q: number) => (ms.length === 0 ? 0 : ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!)
  const byReplica = new Map<string, number>()
  for (const d of ok) byReplica.set(d.servedBy ?? '?', (byReplica.get(d.servedBy ?? '?') ?? 0) + 1)
  return {
    sent: list.length,
    answered: ok.filter((d) => d.ms <= DEADLINE_MS).length,
    lost: list.filter((d) => d.status === 0).length,
    errors: list.filter((d) => d.status !== 0 && d.status !== 200).length,
    p50: at(0.5),
    p99: at(0.99),
    max: ms.at(-1) ?? 0,
    byReplica,
  }
}

const answerLine = (s: Summary) =>
  s.answer
    ? `${Math.round(s.answer.p50)} / ${Math.round(s.answer.p99)} / ${Math.round(s.answer.max)} ms (${s.answer.deferred} deferred)`
    : ''
const counts = (s: Summary) => `${s.answered} / ${s.lost} / ${s.errors} of ${s.sent}`
const times = (s: Summary) => `${Math.round(s.p50)} / ${Math.round(s.p99)} / ${Math.round(s.max)} ms`
const shares = (s: Summary) =>
  [...s.byReplica]
    .sort()
    .map(([name, k]) => `${name} ${k}`)
    .join(', ')

async function startReplica(name: string, fake: FakeDiscord, publicHex: string, indexPath: string): Promise<Replica> {
  const port = await freePort()
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  // The stall probe prints the replica's longest event-loop stalls when it exits.
  const probe = pathToFileURL(join(here, 'stall-probe.ts')).href
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SCALE_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SCALE_PROF] : []),
      '--import',
      tsx,
      '--import',
      probe,
      join(here, '../src/main.ts'),
    ],
    {
      cwd: join(here, '..'),
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_PUBLIC_KEY: publicHex,
        INTERACTIONS_PORT: String(port),
        INTERACTIONS_HOST: '127.0.0.1',
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_CLIENT_ID: fake.applicationId,
        CORPUS_DIR: values.corpus,
        INDEX_PATH: indexPath,
        INDEX_WATCH_SECONDS: '2',
        REPLICA_NAME: name,
        COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const until = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${stderr.slice(-2000)}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) break
    if (Date.now() > until) throw new Error(`${name} did not become healthy: ${stderr.slice(-2000)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { name, port, process: child, stderr: () => stderr, readyAt: Date.now() }
}

/** nginx's version, or undefined when it is not installed. */
function nginxVersion(): string | undefined {
  for (const bin of ['nginx', '/usr/sbin/nginx']) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' })
    if (r.status === 0) return /nginx\/(\S+)/.exec(r.stderr || r.stdout)?.[1] ?? 'unknown'
  }
  return undefined
}

/** The nginx of the README's "Running on several hosts", in front of the replicas, in the foreground. */
async function startNginx(dir: string, replicas: Replica[]): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort()
  const conf = join(dir, 'nginx.conf')
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  upstream syria_bot {
    least_conn;
${replicas.map((r) => `    server 127.0.0.1:${r.port} max_fails=0;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    client_max_body_size 256k;
    location / {
      proxy_pass http://syria_bot;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_read_timeout 10s;
    }
  }
}
`,
  )
  const bin = spawnSync('nginx', ['-v']).status === 0 ? 'nginx' : '/usr/sbin/nginx'
  const child = spawn(bin, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const until = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status > 0)
      .catch(() => false)
    if (ok) break
    if (Date.now() > until) throw new Error(`nginx did not start: ${stderr}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGQUIT')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

/** Each replica's index version, from its /healthz. */
async function builtAtOf(replicas: Replica[]): Promise<string[]> {
  return Promise.all(
    replicas.map((r) =>
      fetch(`http://127.0.0.1:${r.port}/healthz`)
        .then((res) => res.json() as Promise<{ builtAt?: string }>)
        .then((b) => b.builtAt ?? '?')
        .catch(() => '?'),
    ),
  )
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

await main()
