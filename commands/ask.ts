import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand('search', 'ask', 'Any question: the passages of the articles that best answer it', 'Your question, in your own words')
