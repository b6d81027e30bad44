// What the command-line tools share: which corpus and index file, and opening the index with a message and a
// progress bar when it has to be built.

import { ConfigError, defaultIndexPath, loadEnvFile, readConfig } from '../config.js'
import { openIndex, type OpenResult } from '../runtime/open-index.js'
import { progressBar } from './progress.js'
import { terminalSafe } from '../render/safe.js'
import { parseDateBound } from '../engine/query/filters.js'
import { Engine } from '../runtime/engine.js'

export interface CorpusChoice {
  corpusPath: string
  indexPath: string
  /** Which setting named the index path, so that a refusal says what to change. */
  indexSetting: string
  maxArticleBytes: number
}

/** --corpus/--index win over CORPUS_DIR/INDEX_PATH; another corpus than the configured one gets its own index file. */
export function corpusChoice(args: { corpus?: string | undefined; index?: string | undefined }): CorpusChoice {
  loadEnvFile()
  const config = readConfig()
  const corpusPath = args.corpus ?? config.corpusDir
  const indexPath = args.index ?? (args.corpus ? defaultIndexPath(args.corpus) : config.indexPath)
  const indexSetting =
    args.index !== undefined
      ? '--index'
      : process.env.INDEX_PATH?.trim() && !args.corpus
        ? 'INDEX_PATH'
        : 'the default index path'
  return { corpusPath, indexPath, indexSetting, maxArticleBytes: config.maxArticleBytes }
}

export function openWithProgress(
  choice: CorpusChoice,
  options: { rebuild?: boolean; force?: boolean } = {},
): OpenResult {
  const bar = progressBar('indexing')
  try {
    return openIndex({
      ...choice,
      rebuild: options.rebuild ?? false,
      force: options.force ?? false,
      notify: (m) => process.stderr.write(`${terminalSafe(m)}\n`),
      onProgress: bar,
    })
  } finally {
    bar.finish()
  }
}

/** Runs a CLI main function: errors become one line on stderr and exit code 1 (2 for bad usage or settings). */
export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Settings problem:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`)
      process.exitCode = 2
    } else if (err instanceof UsageError) {
      process.stderr.write(`${terminalSafe(err.message)}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`error: ${terminalSafe((err as Error).message)}\n`)
      process.exitCode = 1
    }
  }
}

export class UsageError extends Error {}

/** A --from or --to the filters cannot take ("yesterday", "31/02") is bad usage, said before the index is opened. */
export function checkDateOptions(values: { from?: string | undefined; to?: string | undefined }): void {
  for (const [name, raw] of [
    ['from', values.from],
    ['to', values.to],
  ] as const) {
    if (raw === undefined || raw.trim() === '') continue
    const bound = parseDateBound(raw, name)
    if (!bound.ok) throw new UsageError(terminalSafe(`--${name}: ${bound.message}`))
  }
}

/** The outlets of repeated or comma-separated --source options. */
export function sourcesOption(source: string[] | undefined): string[] {
  return (source ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The engine over the chosen corpus's index, opened (or built) with progress. */
export function openEngine(values: { corpus?: string | undefined; index?: string | undefined }): Engine {
  const choice = corpusChoice(values)
  const { index } = openWithProgress(choice)
  return Engine.fromIndex(index, choice.corpusPath, choice.indexPath)
}

/** The options the CLIs that ask the engine share (parseArgs' form): the corpus, the filters, JSON, help. */
export const QUERY_CLI_OPTIONS = {
  corpus: { type: 'string' },
  index: { type: 'string' },
  source: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const
