// Articles as Markdown files with front matter: the corpus/ format people can read, review and edit.

import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import { IMPORTED_FIELD } from './loader.js'
import type { Article } from '../types.js'

/**
 * Front matter then the body exactly as given; loading the file gives back the same article. `imported` (the time of
 * an import) marks a file that `corpus import` wrote, and so may rewrite.
 */
export function toMarkdown(article: Article, imported?: string): string {
  const fields: Record<string, string> = {
    id: article.id,
    title: article.title,
    source: article.source,
    // The date as the dataset listed it: loading reads the text's dateline again, so both dates survive the file.
    date: article.listedDate ?? article.date,
    url: article.url,
  }
  if (article.location) fields.location = article.location
  if (article.credit) fields.credit = article.credit
  if (imported) fields[IMPORTED_FIELD] = imported
  // Every value quoted, so that ids like "0012" and dates stay strings for any YAML reader.
  const yaml = stringify(fields, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })
  return `---\n${yaml}---\n${article.body}`
}

/** Longest file name stem: well under every file system's 255-byte limit, with room for the hash. */
const MAX_STEM = 80

/**
 * A file name for an id, collision-free: letters, digits, dot, dash and underscore are kept; an id that had to be
 * changed to fit (or is too long, or whose plain name `isTaken`) gets a hash of the whole id as suffix, so "a/b" and
 * "a_b" never share a file.
 */
export function fileNameForId(id: string, isTaken: (name: string) => boolean = () => false): string {
  const safe = id
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_STEM)
  const plain = `${safe}.md`
  if (safe !== '' && safe === id && !isTaken(plain)) return plain
  return `${safe || 'article'}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}.md`
}
