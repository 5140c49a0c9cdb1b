'use strict';
// Lets a child `node -r ./ts-register.js` process, or a worker thread started with it, load the
// TypeScript sources directly (transpile only; the type check is tsc's job), so process tests
// need no build step. Every build thread of a service under test loads the sources afresh, so
// transpiled files are cached on disk by content, and `typescript` itself (slow to load) is
// required only on a cache miss.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..', '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'dasmo-ts-register');
const COMPILER_OPTIONS = { module: 'CommonJS', target: 'ES2022', esModuleInterop: true };
// Whatever changes the output is part of the key: the compiler's version, its options and this file.
const SALT = [require(path.join(ROOT, 'node_modules', 'typescript', 'package.json')).version, JSON.stringify(COMPILER_OPTIONS), fs.readFileSync(__filename, 'utf8')].join('\0');

function transpile(source, filename) {
  const ts = require('typescript');
  const compilerOptions = { ...COMPILER_OPTIONS, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

function cachedTranspile(source, filename) {
  const key = crypto.createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const output = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside then renamed: concurrent test processes never read a half-written file.
      const temporary = `${cached}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, output);
      fs.renameSync(temporary, cached);
    } catch {
      // A read-only tree: no cache, only slower.
    }
    return output;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(cachedTranspile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
