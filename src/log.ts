// Logging: pino, JSON lines. The bot token is never logged: the config object is never logged whole, and any
// field named token or authorization is redacted should one slip into a log call.

import pino, { type Logger } from 'pino'
import type { LogLevel } from './config.js'

export type { Logger }

export function createLogger(
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'config.discordToken',
          'discordToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
}

/** A crash is logged through the logger (which never writes the token) before the process ends. */
export function guardProcess(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'))
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception; stopping')
    process.exit(1)
  })
}
