// /who question: who was involved, who acted first.

import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand({
  name: 'who',
  engineCommand: 'who',
  order: 20,
  description: 'Who did it? Actors named by the articles, who acted first',
  questionHelp: 'What happened, e.g. breached the wall of Raqqa’s old city',
  help: { summary: 'who did it', example: "/who breached the wall of Raqqa's old city" },
})
