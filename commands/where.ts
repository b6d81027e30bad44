import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand('where', 'where', 'Where did it happen? Places named by the articles', 'What happened, e.g. the Rafiqah Wall was breached')
