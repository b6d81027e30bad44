// The discord.js client as the bot runs it: the Guilds intent only (slash commands need no privileged intent),
// no mentions parsed by default, REST at DISCORD_API_URL (Discord's, or a proxy such as @discordjs/proxy).

import { Client, GatewayIntentBits, type ClientOptions, type RESTOptions } from 'discord.js'

export interface ClientSettings {
  discordApiUrl: string
  /** For sharded runs: which shards this process serves. */
  shards?: ClientOptions['shards']
  shardCount?: number
  /** More REST options (HTTP interactions mode answers its interactions' callbacks itself: makeRequest). */
  rest?: Partial<RESTOptions>
}

export function createClient(settings: ClientSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...settings.rest, api: settings.discordApiUrl },
    ...(settings.shards !== undefined ? { shards: settings.shards } : {}),
    ...(settings.shardCount !== undefined ? { shardCount: settings.shardCount } : {}),
  })
}
