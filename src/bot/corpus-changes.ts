// Moderators changing the corpus from Discord: /import (a file attached to the command, downloaded from Discord's
// CDN, read by the corpus loader, previewed privately, written by the same safe import as `npm run corpus -- import`
// when its moderator presses Add), /remove (an article an import of the bot wrote, after a confirmation) and
// /imports (the log of both). The buttons ("cc:add|remove|cancel:<session>") work for their moderator only, for a
// few minutes; every change is appended to the import log (IMPORT_LOG) with who, when, what file and what changed.

import { createHash } from 'node:crypto'
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js'
import { corpusFolder, ImportError, importIncoming, type ImportReport } from '../engine/corpus/importer.js'
import { checkRemoval, RemovalError, removeImported, type RemovalReport } from '../engine/corpus/removal.js'
import { parseUpload, previewImport, uploadName, uploadTypeProblem } from '../engine/corpus/upload.js'
import { LIMITS, truncate } from '../limits.js'
import {
  CORPUS_CHANGE_PREFIX,
  importPreviewMessage,
  importResultMessage,
  importsListMessage,
  notice,
  removeConfirmMessage,
  removeResultMessage,
  SKIPPED_FILE_NAME,
  type DiscordMessage,
} from '../render/discord.js'
import { safeArticleText, safeUserText } from '../render/safe.js'
import type { ReindexReport } from '../runtime/api.js'
import {
  appendImportLog,
  filesWrittenByImports,
  readImportLog,
  recentEntries,
  type ImportLogEntry,
} from '../runtime/import-log.js'
import type { BotContext } from './context.js'
import { attachmentOrigins, download, DownloadError, formatSize, isAllowedUrl, utf8Problem } from './download.js'
import { isModerator } from './moderation.js'

/** How long a preview's or a confirmation's buttons work. */
export const CONFIRM_TTL_MS = 5 * 60_000
/** Previews kept at once (each holds its file, up to IMPORT_MAX_BYTES): the oldest goes first. */
export const MAX_PENDING_CHANGES = 20
/** How many entries /imports shows. */
export const IMPORTS_SHOWN = 25

/** A change waiting for its moderator's Add (or Remove), kept in ctx.pending. */
export type PendingChange =
  | { kind: 'import'; file: string; bytes: Buffer; reindex: boolean }
  | { kind: 'remove'; id: string; file: string; reindex: boolean }

const ephemeral = (m: DiscordMessage) => ({ ...m, flags: MessageFlags.Ephemeral as const })

/** Who did it, for the log lines. */
function who(interaction: ChatInputCommandInteraction | ButtonInteraction) {
  return { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId }
}

/** Refuses (privately, logged with who tried) a member who is not a moderator; true when refused. */
async function refuseNonModerator(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  what: string,
): Promise<boolean> {
  if (isModerator(interaction, ctx.config.moderatorRoleIds)) return false
  ctx.log.warn(who(interaction), `${interaction.commandName} refused: not a moderator`)
  await interaction.reply(ephemeral(notice(`Only moderators can ${what}.`)))
  return true
}

/** The corpus folder, or a private message saying that the corpus is one file (import writes into a folder). */
async function folderOrSay(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<string | undefined> {
  try {
    return corpusFolder(ctx.config.corpusDir)
  } catch (err) {
    if (!(err instanceof ImportError)) throw err
    await interaction.reply(
      ephemeral(
        notice(
          'The corpus (CORPUS_DIR) is a single file, not a folder: /import and /remove only change a corpus folder. Nothing was changed.',
        ),
      ),
    )
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------------------------
// /import

export async function executeImport(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (await refuseNonModerator(interaction, ctx, 'import articles')) return
  const attachment = interaction.options.getAttachment('file', true)
  const reindex = interaction.options.getBoolean('reindex') === true
  const file = uploadName(attachment.name)
  const refuse = (why: string) => {
    ctx.log.warn({ ...who(interaction), file, why }, 'import refused')
    return interaction.reply(
      ephemeral(notice(`${safeArticleText(file)} cannot be imported: ${why} Nothing was changed.`)),
    )
  }
  const typeProblem = uploadTypeProblem(file)
  if (typeProblem) return void (await refuse(`${typeProblem}.`))
  const max = ctx.config.importMaxBytes
  if (attachment.size > max)
    return void (await refuse(
      `it is ${formatSize(attachment.size)}, over the ${formatSize(max)} limit (IMPORT_MAX_BYTES).`,
    ))
  const origins = attachmentOrigins(ctx.config.discordApiUrl)
  if (!isAllowedUrl(attachment.url, origins)) return void (await refuse(`its address is not on Discord's servers.`))
  const folder = await folderOrSay(interaction, ctx)
  if (!folder) return

  // The download may take seconds: answer Discord now (privately), the preview follows.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral })
  const fail = async (why: string) => {
    ctx.log.warn({ ...who(interaction), file, why }, 'import refused')
    await interaction.editReply(notice(why))
  }
  let bytes: Buffer
  try {
    bytes = await download(attachment.url, {
      origins,
      maxBytes: max,
      timeoutMs: ctx.config.importTimeoutMs,
      name: safeArticleText(file),
    })
  } catch (err) {
    if (err instanceof DownloadError) return fail(err.message)
    throw err
  }
  const encoding = utf8Problem(bytes)
  if (encoding) return fail(`${safeArticleText(file)} cannot be imported: ${encoding}. Nothing was changed.`)

  const preview = previewImport(folder, file, bytes, { maxArticleBytes: ctx.config.maxArticleBytes })
  if (preview.articles === 0) {
    const { message, skippedFile } = importPreviewMessage(preview, { reindex, expiresInMs: 0 })
    ctx.log.warn({ ...who(interaction), file, skipped: preview.skipped.length }, 'import refused: no article reads')
    await interaction.editReply(
      withSkippedFile(
        {
          ...message,
          content: `Nothing in ${safeArticleText(file)} can be imported: no article reads from it (the reasons are below). Nothing was changed.`,
        },
        skippedFile,
      ),
    )
    return
  }
  const writes = preview.added.length + preview.updated.length
  const session =
    writes > 0
      ? ctx.pending.save({ userId: interaction.user.id, result: { kind: 'import', file, bytes, reindex } })
      : undefined
  const { message, skippedFile } = importPreviewMessage(preview, {
    reindex,
    expiresInMs: ctx.pending.ttlMs,
    ...(session ? { session } : {}),
  })
  ctx.log.info(
    {
      ...who(interaction),
      file,
      bytes: bytes.length,
      articles: preview.articles,
      added: preview.added.length,
      updated: preview.updated.length,
      skipped: preview.skipped.length,
    },
    'import previewed',
  )
  await interaction.editReply(withSkippedFile(message, skippedFile))
}

/** The message, with the full list of skipped rows as skipped.txt when they did not all fit in it. */
function withSkippedFile(message: DiscordMessage, skippedFile: string | undefined) {
  if (skippedFile === undefined) return message
  return { ...message, files: [{ attachment: Buffer.from(skippedFile, 'utf8'), name: SKIPPED_FILE_NAME }] }
}

// ---------------------------------------------------------------------------------------------------------------
// /remove

export async function executeRemove(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (await refuseNonModerator(interaction, ctx, 'remove articles')) return
  const id = interaction.options.getString('id', true).trim()
  const reindex = interaction.options.getBoolean('reindex') === true
  const folder = await folderOrSay(interaction, ctx)
  if (!folder) return
  await interaction.deferReply({ flags: MessageFlags.Ephemeral })
  const written = filesWrittenByImports(readImportLog(ctx.config.importLogPath), folder)
  const check = checkRemoval(folder, id, written, { maxArticleBytes: ctx.config.maxArticleBytes })
  if (!check.ok) {
    ctx.log.warn({ ...who(interaction), id, why: check.reason }, 'remove refused')
    await interaction.editReply(notice(`${capitalise(safeArticleText(check.reason))}.`))
    return
  }
  const session = ctx.pending.save({
    userId: interaction.user.id,
    result: { kind: 'remove', id, file: check.file, reindex },
  })
  await interaction.editReply(
    removeConfirmMessage(check.article, check.file, { session, reindex, expiresInMs: ctx.pending.ttlMs }),
  )
}

/** /remove's autocomplete: the articles the bot's imports wrote (and not removed since), by headline or id. */
export async function autocompleteRemove(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused().slice(0, 200).toLowerCase()
  const words = typed.split(/\s+/).filter(Boolean)
  const written = [...filesWrittenByImports(readImportLog(ctx.config.importLogPath), ctx.config.corpusDir).values()]
  const found = written
    .reverse() // the latest first
    .filter((a) => words.every((w) => `${a.title ?? ''} ${a.id}`.toLowerCase().includes(w)))
    .slice(0, LIMITS.choices)
  await interaction.respond(
    found
      .filter((a) => a.id.length <= LIMITS.choiceValue)
      .map((a) => ({ name: truncate(`${a.title || 'untitled'} (${a.id})`, LIMITS.choiceName), value: a.id })),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// /imports

export async function executeImports(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (await refuseNonModerator(interaction, ctx, 'read the import log')) return
  const all = readImportLog(ctx.config.importLogPath)
  const mine = recentEntries(all, ctx.config.corpusDir, Number.MAX_SAFE_INTEGER)
  await interaction.reply(ephemeral(importsListMessage(mine.slice(0, IMPORTS_SHOWN), mine.length)))
}

// ---------------------------------------------------------------------------------------------------------------
// The buttons

export function isCorpusChangeId(customId: string): boolean {
  return customId.startsWith(`${CORPUS_CHANGE_PREFIX}:`)
}

export async function handleCorpusChangeButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, action = '', session = ''] = interaction.customId.split(':')
  const stored = ctx.pending.get(session)
  if (!stored) {
    const minutes = Math.max(1, Math.round(ctx.pending.ttlMs / 60_000))
    await interaction.reply(
      ephemeral(
        notice(
          `This confirmation has expired (the buttons work for ${minutes} minute${minutes === 1 ? '' : 's'}); nothing was changed. Run the command again.`,
        ),
      ),
    )
    return
  }
  const change = stored.result
  const command = change.kind === 'import' ? '/import' : '/remove'
  if (stored.userId !== interaction.user.id) {
    ctx.log.warn(
      { ...who(interaction), owner: stored.userId, action },
      'corpus change button refused: not its moderator',
    )
    await interaction.reply(
      ephemeral(notice(`Only the moderator who ran ${command} can confirm or cancel it; nothing was changed.`)),
    )
    return
  }
  // Still a moderator: roles can be taken away in the minutes the buttons work.
  if (action !== 'cancel' && !isModerator(interaction, ctx.config.moderatorRoleIds)) {
    ctx.log.warn({ ...who(interaction), action }, 'corpus change button refused: no longer a moderator')
    await interaction.reply(ephemeral(notice(`Only moderators can confirm ${command}; nothing was changed.`)))
    return
  }
  // Used once: a second press (or a press on a copy) finds nothing.
  ctx.pending.delete(session)
  if (action === 'cancel') {
    ctx.log.info({ ...who(interaction), kind: change.kind, file: change.file }, 'corpus change cancelled')
    await interaction.update({
      ...notice(
        change.kind === 'import'
          ? `Import of ${safeArticleText(change.file)} cancelled; nothing was written.`
          : `Removal of ${safeArticleText(change.id)} cancelled; nothing was deleted.`,
      ),
    })
    return
  }
  if (action === 'add' && change.kind === 'import') return addImport(interaction, ctx, change)
  if (action === 'remove' && change.kind === 'remove') return confirmRemove(interaction, ctx, change)
  await interaction.reply(
    ephemeral(notice('This button belongs to an older message that can no longer be answered. Run the command again.')),
  )
}

async function addImport(
  interaction: ButtonInteraction,
  ctx: BotContext,
  change: Extract<PendingChange, { kind: 'import' }>,
): Promise<void> {
  await interaction.update(notice(`Adding the articles of ${safeArticleText(change.file)}…`))
  const folder = ctx.config.corpusDir
  const options = { maxArticleBytes: ctx.config.maxArticleBytes }
  const incoming = parseUpload(change.file, change.bytes, options)
  let report: ImportReport
  try {
    // Planned again now, against the corpus as it is at this moment, and written by the safe import.
    report = importIncoming(folder, incoming, options)
  } catch (err) {
    ctx.log.error({ err, ...who(interaction), file: change.file }, 'import failed')
    await interaction.editReply(
      notice(
        `The import of ${safeArticleText(change.file)} failed: ${safeUserText((err as Error).message).slice(0, 500)}`,
      ),
    )
    return
  }
  const titles = new Map(incoming.articles.map((a) => [a.id, a.title.slice(0, 200)]))
  const logged = (a: { id: string; file: string }) => ({
    ...a,
    ...(titles.get(a.id) ? { title: titles.get(a.id) } : {}),
  })
  const sha256 = createHash('sha256').update(change.bytes).digest('hex')
  const entry: ImportLogEntry = {
    at: new Date().toISOString(),
    action: 'import',
    ...who(interaction),
    corpus: corpusFolder(folder),
    file: change.file,
    bytes: change.bytes.length,
    sha256,
    added: report.added.map(logged),
    updated: report.updated.map(logged),
    unchanged: report.unchanged.length,
    skipped: report.skipped.length,
    before: report.before,
    after: report.after,
  }
  const reindexed = change.reindex && report.added.length + report.updated.length > 0 ? await reindex(ctx) : undefined
  if (reindexed) entry.reindex = 'report' in reindexed ? counts(reindexed.report) : { error: reindexed.error }
  const warning = logChange(ctx, entry)
  ctx.log.info(
    {
      ...who(interaction),
      file: change.file,
      sha256,
      added: entry.added!.map((a) => a.id),
      updated: entry.updated!.map((a) => a.id),
      unchanged: entry.unchanged,
      skipped: entry.skipped,
      reindex: entry.reindex,
    },
    'articles imported',
  )
  await interaction.editReply(withWarning(importResultMessage(change.file, report, reindexed), warning))
}

async function confirmRemove(
  interaction: ButtonInteraction,
  ctx: BotContext,
  change: Extract<PendingChange, { kind: 'remove' }>,
): Promise<void> {
  await interaction.update(notice(`Removing article ${safeArticleText(change.id)}…`))
  const folder = corpusFolder(ctx.config.corpusDir)
  let report: RemovalReport
  try {
    // Checked again now: the file must still be one the bot's imports wrote, holding this article.
    const written = filesWrittenByImports(readImportLog(ctx.config.importLogPath), folder)
    report = removeImported(folder, change.id, written, { maxArticleBytes: ctx.config.maxArticleBytes })
  } catch (err) {
    if (!(err instanceof RemovalError)) ctx.log.error({ err, ...who(interaction), id: change.id }, 'remove failed')
    await interaction.editReply(
      notice(`${capitalise(safeUserText((err as Error).message).slice(0, 500))}. Nothing was deleted.`),
    )
    return
  }
  const entry: ImportLogEntry = {
    at: new Date().toISOString(),
    action: 'remove',
    ...who(interaction),
    corpus: folder,
    file: report.file,
    removed: { id: report.id, file: report.file, ...(report.title ? { title: report.title } : {}) },
    before: report.before,
    after: report.after,
  }
  const reindexed = change.reindex ? await reindex(ctx) : undefined
  if (reindexed) entry.reindex = 'report' in reindexed ? counts(reindexed.report) : { error: reindexed.error }
  const warning = logChange(ctx, entry)
  ctx.log.info({ ...who(interaction), id: report.id, file: report.file, reindex: entry.reindex }, 'article removed')
  await interaction.editReply(withWarning(removeResultMessage(report, reindexed), warning))
}

/** Rebuilds the index as /reindex does; a failure (the old index still answering) is returned, not thrown. */
async function reindex(ctx: BotContext): Promise<{ report: ReindexReport } | { error: string; articles: number }> {
  const before = await ctx.engine.stats()
  try {
    return { report: await ctx.reindex() }
  } catch (err) {
    ctx.log.error({ err }, 'reindex after a corpus change failed; the previous index keeps answering')
    return { error: (err as Error).message.slice(0, 500), articles: before.articles }
  }
}

function counts(report: ReindexReport): { before: number; after: number } {
  return { before: report.before.articles, after: report.after.articles }
}

/**
 * Appends to the import log. A log that cannot be written does not undo the change: it is an error in the bot's log
 * (with the whole entry) and a line for the moderator, returned.
 */
function logChange(ctx: BotContext, entry: ImportLogEntry): string {
  try {
    appendImportLog(ctx.config.importLogPath, entry)
    return ''
  } catch (err) {
    ctx.log.error({ err, entry }, 'could not write the import log')
    return "The import log (IMPORT_LOG) could not be written: this change is in the bot's log only, and /remove will not know it. Tell whoever runs the bot."
  }
}

/** A reply with a warning line above it, when there is one. */
function withWarning(reply: DiscordMessage, warning: string): DiscordMessage {
  return warning ? { ...reply, content: truncate(warning, LIMITS.content) } : reply
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
