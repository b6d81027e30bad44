// Articles as Markdown files with front matter: the corpus/ format people can read, review and edit.

import { stringify } from 'yaml'
import type { Article } from '../types.js'

/** Front matter then the body exactly as given; loading the file gives back the same article. */
export function toMarkdown(article: Article): string {
  const fields: Record<string, string> = {
    id: article.id,
    title: article.title,
    source: article.source,
    date: article.date,
    url: article.url,
  }
  if (article.location) fields.location = article.location
  if (article.credit) fields.credit = article.credit
  // Every value quoted, so that ids like "0012" and dates stay strings for any YAML reader.
  const yaml = stringify(fields, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })
  return `---\n${yaml}---\n${article.body}`
}

/** A file name for an id: letters, digits, dot, dash and underscore only. */
export function fileNameForId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '')
  return `${safe || 'article'}.md`
}
