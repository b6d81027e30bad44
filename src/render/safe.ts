// Text that goes to Discord: markdown escaped so that it shows as written, and mention syntax broken with a
// zero-width space so that nothing renders as a ping. allowed_mentions { parse: [] } is sent as well, on every message.
// Text that goes to a terminal: control characters shown as placeholders (terminalSafe).

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
  return neutralizeMentions(
    escapeAll(
      text
        .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  )
}

/**
 * Text from articles, corpus files or users, made safe to write to a terminal: every control character that a
 * terminal could act on is replaced by a visible placeholder of one character, so that an article cannot retitle,
 * clear or recolour the terminal (ESC sequences, OSC "\x1b]0;title\x07", a lone CR overwriting a line, BEL…).
 * - C0 controls (U+0000–U+001F) except \n and \t become their Unicode Control Picture: ESC shows as "␛", BEL as "␇",
 *   CR as "␍", NUL as "␀"; DEL (U+007F) shows as "␡".
 * - C1 controls (U+0080–U+009F, among them the 8-bit CSI U+009B and OSC U+009D), which have no picture, become
 *   U+FFFD "�".
 * - A CR directly before a LF (Windows line ends) is dropped: the line break stays a line break.
 * Without its ESC (or C1) introducer, the rest of an escape sequence ("[2J", "]0;title") is plain text and shows
 * as written. \n and \t are kept; nothing else changes.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0)
    if (code < 0x20) return String.fromCharCode(0x2400 + code)
    return code === 0x7f ? '\u2421' : '\ufffd'
  })
}

/**
 * JSON made safe for a terminal without changing what it parses to: JSON.stringify already writes C0 controls
 * (ESC among them) as \u escapes, but leaves DEL and the C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B)
 * raw; they can only be inside strings, where \u escapes mean the same characters.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
