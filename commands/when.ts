// /when question: when it happened, the date quoted from the articles.

import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand({
  name: 'when',
  engineCommand: 'when',
  order: 10,
  description: 'When did it happen? Dates quoted from the articles',
  questionHelp: 'What happened, e.g. the SDF breached the wall of Raqqa’s old city',
  help: { summary: 'when something happened', example: "/when the SDF breached the wall of Raqqa's old city" },
})
