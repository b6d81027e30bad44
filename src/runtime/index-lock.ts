// One build of an index at a time, across processes and hosts that share its file: a lock file beside the index
// (`<index>.lock`), created exclusively, holding who took it. Replicas behind a load balancer, shards on several
// hosts and the CLI all take it before building, so that two /reindex at once build once: the second waits for the
// first and reads what it wrote. A lock left by a process that died (same host, no such process) or older than
// LOCK_STALE_MS is taken over.

import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'

/** A build never takes this long (×100 builds in minutes): a lock this old was left by a process gone elsewhere. */
export const LOCK_STALE_MS = 30 * 60_000
/** A lock file still empty or unreadable this long after it was made was left by a crash while writing it. */
const UNREADABLE_STALE_MS = 10_000

interface LockHolder {
  pid: number
  host: string
  /** ISO time the lock was taken. */
  at: string
}

export function lockPathOf(indexPath: string): string {
  return `${indexPath}.lock`
}

/**
 * Takes the lock of `indexPath`, or returns undefined when another process holds it. The function returned releases
 * it (only if it is still this process's: a lock taken over as stale is not removed from under its new holder).
 */
export function tryLockIndex(indexPath: string): (() => void) | undefined {
  const path = lockPathOf(indexPath)
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch {
    return () => undefined
  }
  const mine: LockHolder = { pid: process.pid, host: hostname(), at: new Date().toISOString() }
  const text = JSON.stringify(mine)
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number
    try {
      fd = openSync(path, 'wx', 0o600)
    } catch (err) {
      // A folder this process cannot write (read-only storage): it cannot build there either, so there is nothing
      // to keep apart; the build's own save reports the problem.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined
      const seen = readHolder(path)
      if (!isStale(path, seen)) return undefined
      // Taken over only if it is still the lock judged stale.
      if (readHolder(path)?.text !== seen?.text) return undefined
      try {
        unlinkSync(path)
      } catch {
        // Someone else took it over first: the next attempt finds theirs.
      }
      continue
    }
    try {
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
    return () => {
      try {
        if (readHolder(path)?.text === text) unlinkSync(path)
      } catch {
        // Already gone.
      }
    }
  }
  return undefined
}

/** Takes the lock of `indexPath`, waiting while another process holds it (`onWait` is told once). */
export async function lockIndex(indexPath: string, onWait?: (lockFile: string) => void): Promise<() => void> {
  let release = tryLockIndex(indexPath)
  if (!release) onWait?.(lockPathOf(indexPath))
  while (!release) {
    await waitForIndexUnlock(indexPath)
    release = tryLockIndex(indexPath)
  }
  return release
}

/** Whether a lock is held now (and not stale). */
export function isIndexLocked(indexPath: string): boolean {
  const path = lockPathOf(indexPath)
  const holder = readHolder(path)
  if (holder === undefined) {
    try {
      statSync(path)
    } catch {
      return false
    }
  }
  return !isStale(path, holder)
}

/** Waits until no process holds the lock (polling), or `timeoutMs` passed: then false. */
export async function waitForIndexUnlock(indexPath: string, timeoutMs = LOCK_STALE_MS, pollMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (isIndexLocked(indexPath)) {
    if (Date.now() >= until) return false
    await new Promise((r) => setTimeout(r, pollMs))
  }
  return true
}

/** Who holds the lock, and the file's text; undefined when there is no file or it cannot be read as a holder. */
function readHolder(path: string): (LockHolder & { text: string }) | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || typeof h.host !== 'string' || typeof h.at !== 'string') return undefined
    return { pid: h.pid, host: h.host, at: h.at, text }
  } catch {
    return undefined
  }
}

function isStale(path: string, holder: LockHolder | undefined): boolean {
  if (holder === undefined) {
    // Empty (being written this instant) or broken: stale once it is old enough.
    try {
      return Date.now() - statSync(path).mtimeMs > UNREADABLE_STALE_MS
    } catch {
      return true
    }
  }
  if (holder.host === hostname() && !processExists(holder.pid)) return true
  const at = Date.parse(holder.at)
  return !Number.isFinite(at) || Date.now() - at > LOCK_STALE_MS
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists, owned by another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
