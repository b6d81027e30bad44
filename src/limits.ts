// Discord's limits and the one truncation helper that respects them. Every string that reaches Discord goes
// through here; nothing is cut mid-word when a word boundary is near, and a cut is always marked with "…".

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum over all embeds of a message: title, description, field names and values, footer, author name. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
} as const

const ELLIPSIS = '…'

/**
 * Cuts `text` to at most `max` characters (UTF-16 units, as Discord counts), at a word boundary when one is in the
 * last fifth, ending with "…". Never splits a surrogate pair. Text that fits is returned unchanged.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return ''
  if (text.length <= max) return text
  if (max === 1) return ELLIPSIS
  let cut = max - ELLIPSIS.length
  // Do not leave half of a surrogate pair (an emoji, a rare character) before the ellipsis.
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--
  const head = text.slice(0, cut)
  // A word that ends exactly at the cut is whole; otherwise back up to the last space when it is near.
  const wordEndsAtCut = /\s/.test(text[cut] ?? '')
  const space = head.search(/\s\S*$/)
  const body = wordEndsAtCut || space < cut * 0.8 ? head : head.slice(0, space)
  return body.replace(/[\s,;:.-]+$/, '') + ELLIPSIS
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** Sum of the characters of an embed that count toward Discord's 6000 per message. */
export function embedLength(embed: {
  title?: string
  description?: string
  fields?: Array<{ name: string; value: string }>
  footer?: { text: string }
  author?: { name: string }
}): number {
  let n =
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length
  return n
}
