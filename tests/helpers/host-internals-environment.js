/**
 * Jest environment of the `host-internals` project: the Node environment plus the plugin host
 * that its global setup booted in this process (test files run in their own VM context and do
 * not see the global setup's globals).
 */
const { TestEnvironment } = require('jest-environment-node');

class HostInternalsEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.__PLUGIN_HOST_IN_PROCESS__ = globalThis.__PLUGIN_HOST_IN_PROCESS__;
  }
}

module.exports = HostInternalsEnvironment;
