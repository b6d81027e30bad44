// Escape sequences and other control characters that a terminal could act on (retitle, clear or recolour it), and an
// article that carries them everywhere: shared by tests/terminal-safety.test.ts and tests/terminal-safety.e2e.test.ts.

import type { Article } from '../src/engine/types.js'

/** What a terminal could act on: C0 controls but \n and \t (ESC, BEL, CR…), DEL and the C1 controls. */
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
export const BOLD_ON = '\x1b[1m'
export const BOLD_OFF = '\x1b[22m'

/** The text with the renderer's own bold codes taken out: what is left must hold no control character. */
export function withoutBold(text: string): string {
  return text.split(BOLD_ON).join('').split(BOLD_OFF).join('')
}

export const OSC_TITLE = '\x1b]0;pwned\x07'
export const CLEAR = '\x1b[2J\x1b[H'
export const C1_CSI = '\u009b2J'

export const EVIL: Article = {
  id: 'evil-1',
  title: `Raqqa ${OSC_TITLE}wall breached${CLEAR} ${C1_CSI} \u007f`,
  source: 'Evil\x1b[5mNews',
  date: '2017-07-04',
  url: 'https://example.com/\x1b]8;;https://other.example\x07a',
  body: `The SDF breached the wall of Raqqa\x1b[31m old city\x1b[0m on 4 July 2017, killing at least 20 fighters${OSC_TITLE}.\r\nMore text\u009d0;t\u009c here\r, over.`,
  location: '',
  credit: '',
}
