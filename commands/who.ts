import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand('who', 'who', 'Who did it? Actors named by the articles, who acted first', 'What happened, e.g. breached the wall of Raqqa’s old city')
