'use strict';

// Compiled by `npm run build:plugins` (tsc -b) from server/src.
module.exports = require('./dist/server/src').default;
