import { questionCommand } from '../src/bot/question-command.js'

export default questionCommand('when', 'when', 'When did it happen? Dates quoted from the articles', 'What happened, e.g. the SDF breached the wall of Raqqa’s old city')
