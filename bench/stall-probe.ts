// Loaded into the bot's process by the load run (node --import): measures how long the event loop stalls, and
// prints it to stderr as one JSON line when the process exits. Not part of the bot.

import { monitorEventLoopDelay } from 'node:perf_hooks'

const histogram = monitorEventLoopDelay({ resolution: 5 })
histogram.enable()
const TICK = 5
/** [wall-clock ms when the stall began, its length in ms] for every stall over 20 ms. */
const stalls: Array<[number, number]> = []
let last = performance.now()
setInterval(() => {
  const now = performance.now()
  const late = now - last - TICK
  if (late > 20) stalls.push([Date.now() - late, Math.round(late)])
  last = now
}, TICK).unref()

process.on('exit', () => {
  process.stderr.write(
    `STALL-PROBE ${JSON.stringify({ maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, stalls })}\n`,
  )
})
