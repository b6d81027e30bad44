// Answers as JSON, one object per question:
// {"command","query","answers":[{"quote","article":{"id","title","source","date","url"},"value":{...},"alsoIn":[...]}],"reason"}

import type { AnswerResult, Command } from '../engine/types.js'

export function toJson<C extends Command>(result: AnswerResult<C>): object {
  return {
    command: result.command,
    query: result.query,
    answers: result.answers.map((a) => ({ quote: a.quote, article: a.article, value: a.value, alsoIn: a.alsoIn })),
    reason: result.reason,
  }
}

export function renderJson<C extends Command>(result: AnswerResult<C>): string {
  return JSON.stringify(toJson(result))
}
