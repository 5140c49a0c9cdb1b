/**
 * `npm run generate:monitoring`: rewrites every generated monitoring file. The config is
 * validated when it is loaded, so it is loaded here, where a bad value becomes one line on
 * stderr and exit status 2 instead of a stack trace.
 *
 *   npx tsc -p monitoring/tsconfig.json && node dist/monitoring/generate-main.js [root]
 */
import { resolve } from 'node:path';

import('./generate')
  .then(({ writeGeneratedFiles }) => {
    const root = resolve(process.argv[2] ?? process.cwd());
    for (const path of writeGeneratedFiles(root)) process.stdout.write(`wrote ${path}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`generate:monitoring: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
