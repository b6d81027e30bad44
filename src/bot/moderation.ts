// Who may run moderator commands. Discord's default_member_permissions (Manage Server) can be overridden by server
// admins, so the handler checks again: with MODERATOR_ROLE_IDS set, a member needs one of those roles; without it,
// the Manage Server permission. Administrators always pass.

import { PermissionFlagsBits, type BaseInteraction } from 'discord.js'

/** Commands and the buttons that confirm them alike: a member whose roles were taken away meanwhile is refused. */
export function isModerator(
  interaction: Pick<BaseInteraction, 'memberPermissions' | 'member'>,
  moderatorRoleIds: string[],
): boolean {
  const permissions = interaction.memberPermissions
  if (permissions?.has(PermissionFlagsBits.Administrator)) return true
  if (moderatorRoleIds.length > 0) {
    const roles = interaction.member?.roles
    const ids = Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : []
    return ids.some((id) => moderatorRoleIds.includes(id))
  }
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false
}
