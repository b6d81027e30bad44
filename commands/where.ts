// /where question: where it happened, the most specific place first.

import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand({
  name: 'where',
  engineCommand: 'where',
  order: 30,
  description: 'Where did it happen? Places named by the articles',
  questionHelp: 'What happened, e.g. the Rafiqah Wall was breached',
  help: { summary: 'where it happened', example: '/where was the Rafiqah Wall breached' },
})
