// Opening the index as the bot, the console and the CLI do: load the saved file when it is current, else build it
// from the corpus and save it, with a message saying why; and the rebuild a moderator asks for. A corpus that emptied
// or lost more than half its articles never silently replaces a good index.

import { formatProblem, listCorpusFiles, loadCorpus, type CorpusFile } from '../engine/corpus/loader.js'
import { buildIndex, type SearchIndex } from '../engine/index/build.js'
import { fingerprintOf } from '../engine/index/fingerprint.js'
import { checkIndexFile, indexedArticleCount, readIndex } from '../engine/index/file-reader.js'
import { assertReplaceable, saveIndex } from '../engine/index/file-writer.js'

/** Raised when a rebuild would replace the index with an empty or much smaller one without being told to. */
export class ShrinkError extends Error {
  override name = 'ShrinkError'
}

/**
 * A rebuild may not replace a good index with nothing, nor with fewer than half its articles unless forced (a
 * moderator moving files, a corpus folder briefly empty, a mistyped CORPUS_DIR). Throws a ShrinkError naming both
 * counts.
 */
export function assertNotShrinking(indexPath: string, corpusPath: string, index: SearchIndex, force = false): void {
  const after = index.articles.length
  const before = indexedArticleCount(indexPath)
  const why =
    index.problems.length > 0
      ? ` (${index.problems.length} could not be loaded, e.g. ${formatProblem(index.problems[0]!)})`
      : ''
  if (after === 0) {
    const kept = before ? `; the index keeps its ${before} articles` : ''
    throw new ShrinkError(`the corpus ${corpusPath} has no article that loads${why}${kept}. Nothing was replaced.`)
  }
  if (!force && before !== undefined && after < before / 2) {
    throw new ShrinkError(
      `the corpus ${corpusPath} now loads ${after} articles, fewer than half of the ${before} indexed${why}. Nothing was replaced; reindex with force (npm run reindex -- --force, or /reindex force:True) to accept it.`,
    )
  }
}

/**
 * The fingerprint the index of this corpus must carry, once the index path is known to be this bot's to replace (a
 * refusal names the setting before any work).
 */
function corpusFingerprint(options: OpenOptions): string {
  assertReplaceable(options.indexPath, options.indexSetting)
  return fingerprintOf(options.corpusPath, listCorpusOrExplain(options.corpusPath), options.maxArticleBytes)
}

/**
 * Builds and saves the index unless the file is already current; nothing is kept in memory. A build that would
 * empty or halve a good index keeps the old file, with a warning.
 */
export function ensureIndexFile(options: OpenOptions): { built: boolean } {
  const fingerprint = corpusFingerprint(options)
  const checked = checkIndexFile(options.indexPath, fingerprint)
  if (checked.ok) return { built: false }
  options.notify?.(rebuildingMessage(options, checked))
  const built = buildAtStartUp(options, fingerprint, () => checkIndexFile(options.indexPath).ok)
  if (!built) return { built: false }
  saveIndex(options.indexPath, built, options.indexSetting)
  return { built: true }
}

/** "index data/x.index: the corpus changed since it was built; rebuilding it from corpus" */
function rebuildingMessage(options: OpenOptions, outcome: { reason: string; detail: string }): string {
  const verb = outcome.reason === 'missing' ? 'building it' : 'rebuilding it'
  return `index ${options.indexPath}: ${outcome.detail}; ${verb} from ${options.corpusPath}`
}

/**
 * Start-up's build of a missing or stale index. When the corpus has emptied or lost more than half its articles
 * and the old file is whole (`oldIsWhole`), gives undefined and says that the old index keeps answering; otherwise
 * a shrink is thrown.
 */
function buildAtStartUp(options: OpenOptions, fingerprint: string, oldIsWhole: () => boolean): SearchIndex | undefined {
  const index = buildFromCorpus(options.corpusPath, fingerprint, options)
  try {
    assertNotShrinking(options.indexPath, options.corpusPath, index, options.force)
  } catch (err) {
    if (!(err instanceof ShrinkError) || !oldIsWhole()) throw err
    options.notify?.(`${err.message} Answering from the index as it was.`)
    return undefined
  }
  return index
}

export interface OpenOptions {
  corpusPath: string
  indexPath: string
  /** The setting that named the index path, for messages ("INDEX_PATH", "--index"). */
  indexSetting?: string
  /** Articles over this many UTF-8 bytes are skipped (MAX_ARTICLE_MB). */
  maxArticleBytes?: number
  /** Where to say what happened ("index is stale, rebuilding"). */
  notify?: (message: string) => void
  onProgress?: (done: number, total: number) => void
  /** openIndex: rebuild even when the file is current (failures are then errors, never fallbacks). */
  rebuild?: boolean
  /** Accept a rebuild with fewer than half the articles of the index it replaces. */
  force?: boolean
}

export interface OpenResult {
  index: SearchIndex
  /** True when the index was built now rather than loaded. */
  built: boolean
  /** Whether the index is on disk (false: it was built but could not be saved, and answers from memory). */
  saved: boolean
  milliseconds: number
}

/**
 * Loads the saved index when it matches the corpus; otherwise builds it from the corpus and saves it. An index path
 * that holds anything else is refused before any work. When the corpus has emptied or lost more than half of its
 * articles since the index was built, start-up keeps answering from the saved index and says so; an asked-for
 * rebuild (`rebuild`) throws instead, unless `force`.
 */
export function openIndex(options: OpenOptions): OpenResult {
  const started = performance.now()
  const done = (index: SearchIndex, built: boolean, saved: boolean): OpenResult => ({
    index,
    built,
    saved,
    milliseconds: performance.now() - started,
  })
  // An asked-for rebuild is the one every rebuild is (the bot's worker runs it too): all its failures are errors.
  if (options.rebuild) return done(rebuildIndexFile(options), true, true)
  const fingerprint = corpusFingerprint(options)
  const outcome = readIndex(options.indexPath, fingerprint)
  if (outcome.ok) return done(outcome.index, false, true)
  options.notify?.(rebuildingMessage(options, outcome))
  let old: SearchIndex | undefined
  const index = buildAtStartUp(options, fingerprint, () => {
    const read = readIndex(options.indexPath)
    old = read.ok ? read.index : undefined
    return old !== undefined
  })
  if (!index) return done(old!, false, true)
  try {
    saveIndex(options.indexPath, index, options.indexSetting)
  } catch (err) {
    // Start-up answers from memory and says so (an asked-for rebuild fails instead, above).
    options.notify?.(`${(err as Error).message}; answering from memory`)
    return done(index, true, false)
  }
  return done(index, true, true)
}

export function buildFromCorpus(
  corpusPath: string,
  fingerprint: string,
  options: Pick<OpenOptions, 'maxArticleBytes' | 'onProgress'> = {},
): SearchIndex {
  const { articles, problems } = loadCorpus(
    corpusPath,
    options.maxArticleBytes === undefined ? {} : { maxArticleBytes: options.maxArticleBytes },
  )
  return buildIndex(articles, {
    fingerprint,
    problems,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
}

/**
 * What a rebuild does (the CLI, the bot's rebuild worker, the sharding manager): builds from the corpus and replaces
 * the file, refusing an empty or (unforced) much smaller result and a path that is not an index.
 */
export function rebuildIndexFile(options: OpenOptions): SearchIndex {
  assertReplaceable(options.indexPath, options.indexSetting)
  const fingerprint = fingerprintOf(
    options.corpusPath,
    listCorpusOrExplain(options.corpusPath),
    options.maxArticleBytes,
  )
  const index = buildFromCorpus(options.corpusPath, fingerprint, options)
  assertNotShrinking(options.indexPath, options.corpusPath, index, options.force)
  saveIndex(options.indexPath, index, options.indexSetting)
  return index
}

/** Lists the corpus, turning a missing path into a message that names it. */
export function listCorpusOrExplain(corpusPath: string): CorpusFile[] {
  try {
    return listCorpusFiles(corpusPath)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new Error(`corpus not found: ${corpusPath} (set CORPUS_DIR or pass --corpus PATH)`, { cause: err })
    throw new Error(`corpus ${corpusPath} cannot be read (${code ?? (err as Error).message})`, { cause: err })
  }
}
