// The replies of /import, /remove and /imports (src/render/discord.ts) stay within Discord's limits and never ping,
// whatever the uploaded file holds: thousands of ids, long reasons, outlets and titles written as mentions.

import { describe, expect, it } from 'vitest'
import {
  importPreviewMessage,
  importResultMessage,
  importsListMessage,
  removeConfirmMessage,
  removeResultMessage,
} from '../src/render/discord.js'
import type { ImportPreview } from '../src/engine/corpus/upload.js'
import type { ImportLogEntry } from '../src/runtime/import-log.js'
import { expectDiscordSafe } from './discord-limits.js'

const long = (i: number) => `@everyone-<@&123456789012345678>-${'x'.repeat(80)}-${i}`

function hugePreview(): ImportPreview {
  return {
    file: 'big.jsonl',
    articles: 3000,
    outlets: Array.from({ length: 60 }, (_, i) => ({
      source: `<@${i}23456789012345678> Outlet ${i}`,
      articles: 50,
      from: '2016-01-01',
      to: '2017-12-31',
    })),
    added: Array.from({ length: 2000 }, (_, i) => long(i)),
    updated: Array.from({ length: 500 }, (_, i) => ({ id: long(i), file: `${i}.md` })),
    unchanged: Array.from({ length: 500 }, (_, i) => long(i)),
    skipped: Array.from({ length: 400 }, (_, i) => ({
      file: 'big.jsonl',
      line: i + 2,
      message: `unparseable date "${'@here '.repeat(30)}" (use YYYY-MM-DD)`,
    })),
    before: 10,
  }
}

describe('the replies of /import, /remove and /imports', () => {
  it('a preview of any size fits one message, pings no one, and sends every skipped row in a file', () => {
    const { message, skippedFile } = importPreviewMessage(hugePreview(), {
      session: 'abc123',
      reindex: true,
      expiresInMs: 5 * 60_000,
    })
    expectDiscordSafe(message)
    expect(message.components[0]!.components.map((b) => ('label' in b ? b.label : ''))).toEqual([
      'Add 2,500 articles and reindex',
      'Cancel',
    ])
    const skipped = message.embeds[0]!.fields!.find((f) => f.name === 'Skipped (400)')!
    expect(skipped.value).toMatch(/… and \d+ more, all in skipped\.txt$/)
    expect(skippedFile!.trim().split('\n')).toHaveLength(400)
    expect(message.embeds[0]!.description).toContain('These buttons work for 5 minutes.')
  })

  it('a preview that would change nothing has no Add button', () => {
    const preview = { ...hugePreview(), added: [], updated: [], skipped: [] }
    const { message, skippedFile } = importPreviewMessage(preview, { session: 's', reindex: false, expiresInMs: 1 })
    expect(message.components).toEqual([])
    expect(skippedFile).toBeUndefined()
    expect(message.embeds[0]!.description).toContain('Nothing would change')
  })

  it('results, confirmations and the log fit and ping no one', () => {
    const written = Array.from({ length: 1500 }, (_, i) => ({ id: long(i), file: `${i}.md` }))
    const report = {
      added: written,
      updated: written,
      unchanged: [],
      skipped: hugePreview().skipped,
      before: 1,
      after: 3001,
    }
    expectDiscordSafe(importResultMessage('big.jsonl', report))
    expectDiscordSafe(importResultMessage('big.jsonl', report, { error: '@everyone broke it', articles: 3 }))
    const article = { id: long(1), title: '@everyone <#123456789012345678>', source: '<@&1>', date: '2017-07-04' }
    expectDiscordSafe(removeConfirmMessage(article, 'x.md', { session: 's', reindex: true, expiresInMs: 300_000 }))
    expectDiscordSafe(removeResultMessage({ id: long(2), file: 'x.md', title: '@here', before: 3, after: 2 }))
    const entries: ImportLogEntry[] = Array.from({ length: 25 }, (_, i) => ({
      at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
      action: i % 2 ? 'remove' : 'import',
      userId: '111111111111111111',
      user: `@everyone ${'m'.repeat(100)}`,
      corpus: '/corpus',
      file: 'a.jsonl',
      added: written.slice(0, 50),
      removed: { id: long(i), file: 'a.md' },
      reindex: { before: 1, after: 2 },
    }))
    const list = importsListMessage(entries, 40)
    expectDiscordSafe(list)
    expect(list.embeds[0]!.title).toBe('Imports and removals (the last 25 of 40)')
    expect(list.embeds[0]!.description).toMatch(
      /^<t:1704067200:f> · \*\*@\u200beveryone m+\*\* imported a\.jsonl: 50 added, 0 updated \(/,
    )
    expect(importsListMessage([], 0).embeds[0]!.description).toContain('No article has been imported or removed')
  })
})
