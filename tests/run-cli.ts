// The command-line tools as people run them (`npm run ask`, `npm run corpus`, …): a child process of
// `node --import tsx <script>` in the repository, its exit code and what it printed.

import { execFile } from 'node:child_process'
import { REPO } from './helpers.js'

export interface CliRun {
  /** The exit code; -1 when the process was killed (by the timeout, or a signal). */
  code: number
  stdout: string
  stderr: string
}

/** Settings a developer's shell may hold that would change what the tools do: never passed on to them. */
const SETTINGS = [
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_ID',
  'DISCORD_GUILD_ID',
  'MODERATOR_ROLE_IDS',
  'COOLDOWN_SECONDS',
  'LOG_LEVEL',
  'DISCORD_API_URL',
  'SHARDS',
  'CORPUS_DIR',
  'INDEX_PATH',
  'MAX_ARTICLE_MB',
]

/** The test process's environment without the bot's settings, with NO_COLOR, and with `settings` added. */
export function cliEnv(settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const name of SETTINGS) delete env[name]
  return { ...env, ...settings }
}

/** Runs `node --import tsx <script> ...args` in the repository (script relative to it), killed after 50 s. */
export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: REPO, env, timeout: 50_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1
        resolve({ code, stdout, stderr })
      },
    )
  })
}
