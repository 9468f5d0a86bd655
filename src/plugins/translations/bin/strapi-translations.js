#!/usr/bin/env node
'use strict';

// Compiled by `npm run build:plugins` (tsc -b) from server/src/cli.
require('../dist/server/src/cli').main(process.argv.slice(2));
