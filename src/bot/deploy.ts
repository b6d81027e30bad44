// npm run deploy-commands: registers the slash commands with Discord. To DISCORD_GUILD_ID when set (immediate,
// for development), else globally (for production; Discord takes up to an hour to show changes). Never on start.
// What it registers is the command registry: the `data` of every file of commands/, in their order.

import { REST, Routes } from 'discord.js'
import { ConfigError, loadEnvFile, readConfig } from '../config.js'
import { COMMAND_LIST } from './commands.js'

async function deploy(): Promise<void> {
  loadEnvFile()
  const config = readConfig()
  const missing = [!config.discordToken && 'DISCORD_TOKEN', !config.discordClientId && 'DISCORD_CLIENT_ID'].filter(
    Boolean,
  )
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name} is required to register the commands`))
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken!)
  const body = COMMAND_LIST.map((c) => c.data)
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId!, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId!)
  const registered = (await rest.put(route, { body })) as unknown[]
  process.stdout.write(
    `registered ${registered.length} commands ${config.discordGuildId ? `in server ${config.discordGuildId} (available now)` : 'globally (may take up to an hour to appear)'}: ${body.map((c) => `/${c.name}`).join(' ')}\n`,
  )
}

deploy().catch((err) => {
  if (err instanceof ConfigError)
    process.stderr.write(`Settings problem:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`)
  else if ((err as { status?: number }).status === 401)
    process.stderr.write(
      'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal.\n',
    )
  else process.stderr.write(`registering the commands failed: ${(err as Error).message}\n`)
  process.exitCode = 1
})
