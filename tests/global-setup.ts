// Builds the indexes the tests share once, before the test files run in parallel.

import { join } from 'node:path'
import { openIndex } from '../src/runtime/open-index.js'
import { FAKES_CSV, HAVE_FAKES, SEED_CORPUS, TEST_DATA } from './helpers.js'

export default function setup(): void {
  openIndex({ corpusPath: SEED_CORPUS, indexPath: join(TEST_DATA, 'seeds.index.json') })
  if (HAVE_FAKES) openIndex({ corpusPath: FAKES_CSV, indexPath: join(TEST_DATA, 'fakes.index.json') })
  else
    process.stderr.write(
      `\nWARNING: the FA-KES dataset is not at ${FAKES_CSV}: the tests that read it are skipped (set FAKES_CSV).\n\n`,
    )
}
