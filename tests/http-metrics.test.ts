// Metrics (src/bot/metrics.ts), in process: what GET /metrics shows after interactions are handled, the index's
// gauges read from the engine's stats, and the small server gateway mode runs on METRICS_PORT (/metrics, /healthz).

import { describe, expect, it } from 'vitest'
import type { Interaction } from 'discord.js'
import { BotMetrics, startMetricsServer } from '../src/bot/metrics.js'
import type { EngineStats } from '../src/runtime/api.js'
import { memoryLogger } from './helpers.js'

const stats = (): Promise<EngineStats> =>
  Promise.resolve({
    articles: 804,
    passages: 20_000,
    sources: 15,
    builtAt: new Date(Date.now() - 90_000).toISOString(),
    indexBytes: 1,
    indexPath: 'x',
    corpusPath: 'y',
    problems: 0,
  })

const command = (name: string) =>
  ({
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    commandName: name,
  }) as unknown as Interaction

describe('BotMetrics', () => {
  it('counts interactions by type, command and outcome, observes their seconds, and reads the index gauges', async () => {
    const metrics = new BotMetrics(stats, (n) => n === 'when')
    metrics.handled(command('when'), 'answered', 0.02)
    metrics.handled(command('when'), 'answered', 0.3)
    metrics.handled(command('nope'), 'unknown_command', 0.001)
    const text = await metrics.text()
    expect(text).toMatch(/^interactions_total\{type="command",command="when",outcome="answered"\} 2$/m)
    expect(text).toMatch(/^interactions_total\{type="command",command="unknown",outcome="unknown_command"\} 1$/m)
    expect(text).toMatch(/^answer_seconds_bucket\{le="0\.025",type="command",command="when"\} 1$/m)
    expect(text).toMatch(/^answer_seconds_count\{type="command",command="when"\} 2$/m)
    expect(text).toMatch(/^index_articles 804$/m)
    const age = Number(/^index_age_seconds (\S+)$/m.exec(text)?.[1])
    expect(age).toBeGreaterThanOrEqual(89)
    expect(age).toBeLessThan(200)
    expect(text).toMatch(/^process_cpu_seconds_total /m)
  })

  it('gateway mode: METRICS_PORT serves /metrics and /healthz (503 once stopping), 404 elsewhere', async () => {
    const metrics = new BotMetrics(stats, () => true)
    let healthy = true
    const server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      metrics,
      healthy: () => healthy,
      log: memoryLogger().log,
    })
    try {
      const res = await fetch(`${server.url}/metrics`)
      expect(res.status).toBe(200)
      expect(await res.text()).toMatch(/^index_articles 804$/m)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      healthy = false
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503)
      expect((await fetch(`${server.url}/other`)).status).toBe(404)
      expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405)
    } finally {
      await server.close()
    }
  })
})
