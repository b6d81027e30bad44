// Builds the indexes the tests share once, before the test files run in parallel.

import { join } from 'node:path'
import { openIndex } from '../src/engine/store.js'
import { requireFakes, SEED_CORPUS, TEST_DATA } from './helpers.js'

export default function setup(): void {
  openIndex({ corpusPath: SEED_CORPUS, indexPath: join(TEST_DATA, 'seeds.index.json') })
  openIndex({ corpusPath: requireFakes(), indexPath: join(TEST_DATA, 'fakes.index.json') })
}
