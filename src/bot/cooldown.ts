// A per-user cooldown between questions, so that one member cannot flood a channel.

export class Cooldown {
  private until = new Map<string, number>()

  constructor(private readonly seconds: number) {}

  /** Seconds the user still has to wait (0 when they may go on); a user who may go on starts a new wait. */
  take(userId: string, now = Date.now()): number {
    if (this.seconds <= 0) return 0
    const until = this.until.get(userId) ?? 0
    if (until > now) return Math.ceil((until - now) / 1000)
    this.until.set(userId, now + this.seconds * 1000)
    if (this.until.size > 10_000) {
      for (const [id, t] of this.until) if (t <= now) this.until.delete(id)
    }
    return 0
  }
}
