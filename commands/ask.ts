// /ask question: the passages that best match any question (the engine's 'search').

import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand({
  name: 'ask',
  engineCommand: 'search',
  order: 50,
  description: 'Any question: the passages of the articles that best answer it',
  questionHelp: 'Your question, in your own words',
  help: { summary: 'passages that best match', example: '/ask what did the UN say about civilians in Raqqa' },
})
