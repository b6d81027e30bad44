import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand('casualties', 'casualties', 'How many were killed, wounded or displaced? Figures as reported', 'What happened, e.g. killed in Raqqa in June')
