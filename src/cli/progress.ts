// A one-line progress bar on a terminal; nothing at all when stderr is not a terminal (CI, pipes).

export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ((done: number, total: number) => void) & { finish(): void } {
  const tty = stream.isTTY === true
  let lastDraw = 0
  let drawn = false
  const update = (done: number, total: number) => {
    if (!tty) return
    const now = Date.now()
    if (done < total && now - lastDraw < 80) return
    lastDraw = now
    const width = 30
    const filled = total > 0 ? Math.round((done / total) * width) : width
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
    drawn = true
  }
  return Object.assign(update, {
    finish() {
      if (tty && drawn) stream.write('\n')
    },
  })
}
