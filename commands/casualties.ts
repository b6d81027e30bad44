// /casualties question: the figures the outlets reported, side by side when they differ.

import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand({
  name: 'casualties',
  engineCommand: 'casualties',
  order: 40,
  description: 'How many were killed, wounded or displaced? Figures as reported',
  questionHelp: 'What happened, e.g. killed in Raqqa in June',
  help: { summary: 'reported figures, per outlet', example: '/casualties killed in Raqqa in June' },
})
