/**
 * Jest environment for the API tests: the Node environment plus the Strapi instance booted by
 * the global setup. Test files run in their own VM context and cannot see the global setup's
 * globals, so the booted app is handed over here, once per test file.
 */
const { TestEnvironment } = require('jest-environment-node');

class StrapiEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.__CCN_TEST__ = globalThis.__CCN_TEST__;
  }
}

module.exports = StrapiEnvironment;
