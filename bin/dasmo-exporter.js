#!/usr/bin/env node
'use strict';
require('../dist/cli/main.js').launch(__filename, process.argv.slice(2));
