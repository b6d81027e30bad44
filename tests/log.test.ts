// The logger never writes a token, whatever field it comes in.

import { describe, expect, it } from 'vitest'
import { memoryLogger, TEST_TOKEN } from './helpers.js'

describe('logging', () => {
  it('redacts tokens and authorization headers', () => {
    const { log, lines } = memoryLogger('info')
    log.info(
      {
        token: TEST_TOKEN,
        headers: { authorization: `Bot ${TEST_TOKEN}` },
        config: { discordToken: TEST_TOKEN },
        request: { token: TEST_TOKEN },
      },
      'something happened',
    )
    expect(lines.join('\n')).not.toContain(TEST_TOKEN)
    expect(lines.join('\n')).toContain('[redacted]')
  })
})
