// Settings: readConfig over plain objects (never the real environment), every bad value named, the token never shown.

import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_DISCORD_API_URL, defaultIndexPath, readConfig } from '../src/config.js'
import { configProblems, SEED_CORPUS, TEST_TOKEN } from './helpers.js'

/** The problems readConfig reports for `env` (never the real environment). */
const problemsOf = configProblems

describe('readConfig', () => {
  it('has defaults for everything', () => {
    const config = readConfig({})
    expect(config.discordToken).toBeUndefined()
    expect(config.discordClientId).toBeUndefined()
    expect(config.discordGuildId).toBeUndefined()
    expect(config.corpusDir).toBe('corpus')
    expect(config.indexPath).toBe(defaultIndexPath('corpus'))
    expect(config.moderatorRoleIds).toEqual([])
    expect(config.cooldownSeconds).toBe(3)
    expect(config.logLevel).toBe('info')
    expect(config.discordApiUrl).toBe('https://discord.com/api')
    expect(DEFAULT_DISCORD_API_URL).toBe('https://discord.com/api')
    expect(config.shards).toBeUndefined()
  })

  it('treats empty and blank values as unset', () => {
    const config = readConfig({
      DISCORD_TOKEN: '',
      COOLDOWN_SECONDS: '  ',
      LOG_LEVEL: '',
      SHARDS: ' ',
      MODERATOR_ROLE_IDS: '',
    })
    expect(config.discordToken).toBeUndefined()
    expect(config.cooldownSeconds).toBe(3)
    expect(config.logLevel).toBe('info')
    expect(config.shards).toBeUndefined()
    expect(config.moderatorRoleIds).toEqual([])
  })

  it('reads good values', () => {
    const config = readConfig({
      DISCORD_TOKEN: ` ${TEST_TOKEN} `,
      DISCORD_CLIENT_ID: '112345678901234567',
      DISCORD_GUILD_ID: '98765432109876543',
      CORPUS_DIR: SEED_CORPUS,
      INDEX_PATH: '/tmp/somewhere/index.json',
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'DEBUG',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api',
    })
    expect(config.discordToken).toBe(TEST_TOKEN)
    expect(config.discordClientId).toBe('112345678901234567')
    expect(config.discordGuildId).toBe('98765432109876543')
    expect(config.corpusDir).toBe(SEED_CORPUS)
    expect(config.indexPath).toBe('/tmp/somewhere/index.json')
    expect(config.cooldownSeconds).toBe(0)
    expect(config.logLevel).toBe('debug')
    expect(config.discordApiUrl).toBe('http://127.0.0.1:8080/api')
  })

  it('gives each corpus directory its own default index', () => {
    expect(readConfig({ CORPUS_DIR: SEED_CORPUS }).indexPath).toBe(defaultIndexPath(SEED_CORPUS))
  })

  it.each([
    ['DISCORD_TOKEN', 'not-a-token'],
    ['DISCORD_TOKEN', 'abc.def.ghi'],
    ['DISCORD_CLIENT_ID', 'my-app'],
    ['DISCORD_CLIENT_ID', '1234'],
    ['DISCORD_GUILD_ID', '12345678901234567890123'],
    ['DISCORD_GUILD_ID', 'guild'],
    ['MODERATOR_ROLE_IDS', '1234567890123456789, mods'],
    ['MODERATOR_ROLE_IDS', '12'],
    ['COOLDOWN_SECONDS', 'abc'],
    ['COOLDOWN_SECONDS', '-1'],
    ['COOLDOWN_SECONDS', '3601'],
    ['LOG_LEVEL', 'loud'],
    ['DISCORD_API_URL', 'ftp://x'],
    ['DISCORD_API_URL', 'not a url'],
    ['SHARDS', 'many'],
    ['SHARDS', '0'],
    ['SHARDS', '-2'],
    ['SHARDS', '1.5'],
    ['SHARD_COUNT', '0'],
    ['SHARD_LIST', '0-1'],
    ['INDEX_WATCH_SECONDS', 'often'],
    ['REPLICA_NAME', 'two words'],
  ])('%s=%j is refused with a problem naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(name)
  })

  it('reports several problems together, each naming its variable', () => {
    let error: unknown
    try {
      readConfig({
        DISCORD_CLIENT_ID: 'x',
        COOLDOWN_SECONDS: 'abc',
        LOG_LEVEL: 'loud',
        SHARDS: 'many',
        DISCORD_API_URL: 'ftp://x',
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems).toHaveLength(5)
    for (const name of ['DISCORD_CLIENT_ID', 'COOLDOWN_SECONDS', 'LOG_LEVEL', 'SHARDS', 'DISCORD_API_URL']) {
      expect(problems.filter((p) => p.includes(name))).toHaveLength(1)
    }
    expect((error as ConfigError).message).toBe(problems.join('\n'))
    expect((error as ConfigError).name).toBe('ConfigError')
  })

  it('never shows the token in a problem', () => {
    const secrets = [
      'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GxYzAb',
      'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GxYzAb.abc def',
      'supersecretvalue-but-not-a-token',
      `${TEST_TOKEN}!`,
    ]
    for (const token of secrets) {
      let error: unknown
      try {
        readConfig({ DISCORD_TOKEN: token, LOG_LEVEL: 'loud' })
      } catch (err) {
        error = err
      }
      expect(error).toBeInstanceOf(ConfigError)
      const { problems, message } = error as ConfigError
      expect(problems.some((p) => p.includes('DISCORD_TOKEN'))).toBe(true)
      for (const text of [...problems, message, String(error), (error as Error).stack ?? '']) {
        expect(text).not.toContain(token)
        expect(text).not.toContain(token.slice(0, 12))
      }
    }
  })

  it('reads SHARDS "auto" and a count', () => {
    expect(readConfig({ SHARDS: 'auto' }).shards).toBe('auto')
    expect(readConfig({ SHARDS: 'AUTO' }).shards).toBe('auto')
    expect(readConfig({ SHARDS: '4' }).shards).toBe(4)
    expect(readConfig({ SHARDS: '1' }).shards).toBe(1)
  })

  it('reads moderator role ids separated by commas and spaces', () => {
    expect(readConfig({ MODERATOR_ROLE_IDS: '1234567890123456789, 2234567890123456789' }).moderatorRoleIds).toEqual([
      '1234567890123456789',
      '2234567890123456789',
    ])
    expect(readConfig({ MODERATOR_ROLE_IDS: '1234567890123456789 2234567890123456789,,' }).moderatorRoleIds).toEqual([
      '1234567890123456789',
      '2234567890123456789',
    ])
  })

  it('removes trailing slashes from DISCORD_API_URL', () => {
    expect(readConfig({ DISCORD_API_URL: 'https://discord.com/api/' }).discordApiUrl).toBe('https://discord.com/api')
    expect(readConfig({ DISCORD_API_URL: 'http://127.0.0.1:9999/api//' }).discordApiUrl).toBe(
      'http://127.0.0.1:9999/api',
    )
  })

  it('accepts a cooldown with a fraction and the edges of the range', () => {
    expect(readConfig({ COOLDOWN_SECONDS: '1.5' }).cooldownSeconds).toBe(1.5)
    expect(readConfig({ COOLDOWN_SECONDS: '3600' }).cooldownSeconds).toBe(3600)
  })
})

describe('defaultIndexPath', () => {
  it('gives different files for different corpora and the same file for the same path', () => {
    const a = defaultIndexPath('corpus')
    const b = defaultIndexPath('/data/other/corpus')
    const c = defaultIndexPath('../shared/corpora/fa-kes/FA-KES-Dataset.csv')
    expect(new Set([a, b, c]).size).toBe(3)
    expect(defaultIndexPath('corpus')).toBe(a)
    expect(defaultIndexPath('./corpus')).toBe(a)
    expect(defaultIndexPath('corpus/')).toBe(a)
    expect(defaultIndexPath(SEED_CORPUS)).toBe(defaultIndexPath(SEED_CORPUS))
  })

  it('names the file after the corpus, under data/', () => {
    expect(defaultIndexPath('corpus')).toMatch(/^data\/corpus-[0-9a-f]{8}\.index$/)
    expect(defaultIndexPath('../shared/corpora/fa-kes/FA-KES-Dataset.csv')).toMatch(
      /^data\/fa-kes-dataset-[0-9a-f]{8}\.index$/,
    )
    expect(defaultIndexPath('/')).toMatch(/^data\/corpus-[0-9a-f]{8}\.index$/)
  })
})

describe('MAX_ARTICLE_MB', () => {
  it('is 2 MB by default, takes fractions of a megabyte, and refuses what is not a size', () => {
    expect(readConfig({}).maxArticleBytes).toBe(2 * 1024 * 1024)
    expect(readConfig({ MAX_ARTICLE_MB: '0.5' }).maxArticleBytes).toBe(512 * 1024)
    for (const bad of ['0', '-1', 'lots', '1000']) {
      expect(problemsOf({ MAX_ARTICLE_MB: bad })).toEqual([
        `MAX_ARTICLE_MB must be a number of megabytes above 0 and at most 256, got "${bad}"`,
      ])
    }
  })
})

describe('shards across hosts', () => {
  it('SHARD_COUNT shards in all, SHARD_LIST those of this host', () => {
    const config = readConfig({ SHARD_COUNT: '8', SHARD_LIST: '0-2, 6' })
    expect(config.shards).toBe(8)
    expect(config.shardList).toEqual([0, 1, 2, 6])
  })

  it('refuses a list past the count, and a count that SHARDS contradicts', () => {
    expect(problemsOf({ SHARD_COUNT: '4', SHARD_LIST: '3-4' })[0]).toMatch(/SHARD_LIST must list shard ids from 0 to 3/)
    expect(problemsOf({ SHARDS: '2', SHARD_COUNT: '4' })[0]).toMatch(/SHARDS \(2\) and SHARD_COUNT \(4\) disagree/)
  })

  it('in a shard process, the SHARDS and SHARD_COUNT discord.js sets are its own, not settings', () => {
    const config = readConfig({ SHARDING_MANAGER: 'true', SHARDS: '[1]', SHARD_COUNT: '2', SHARD_LIST: 'x' })
    expect(config.shards).toBeUndefined()
    expect(config.shardList).toBeUndefined()
  })
})
