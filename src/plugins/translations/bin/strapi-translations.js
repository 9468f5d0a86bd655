#!/usr/bin/env node
'use strict';

// The package's `./cli` export, built by `strapi-plugin build` from server/src/cli.
require('../dist/cli').main(process.argv.slice(2));
