// Text that goes to Discord: markdown escaped so that it shows as written, and mention syntax broken with a
// zero-width space so that nothing renders as a ping. allowed_mentions { parse: [] } is sent as well, on every message.

const ZWSP = '\u200b'

/** Breaks @everyone, @here, <@id>, <@&id>, <#id> and </cmd:id> so that they neither ping nor render as mentions. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#/])/g, `<${ZWSP}$1`)
}

/**
 * Every character Discord's markdown could read as formatting gets a backslash, so that text shows exactly as
 * written (discord.js's escapeMarkdown leaves one marker bare in runs such as "****").
 */
function escapeAll(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
}

/** Article text as it is written, safe to put inside a quote block. */
export function safeArticleText(text: string): string {
  return neutralizeMentions(escapeAll(text))
}

/** What a user typed, echoed back on one line: control characters dropped, markdown and mentions neutralised. */
export function safeUserText(text: string): string {
  return neutralizeMentions(escapeAll(text.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim()))
}
