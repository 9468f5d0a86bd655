/**
 * Jest's own order (slowest and failed files first), except for the `host` project: the plugins'
 * host tests share the plugin host's small fixture, so they run in path order, which lets the
 * files that only read it (api-guards … search) go before translations', which adds it versions.
 */
const Sequencer = require('@jest/test-sequencer').default;

class HostLastInPathOrder extends Sequencer {
  sort(tests) {
    const isHost = (test) => test.context.config.displayName?.name === 'host';
    const others = super.sort(tests.filter((test) => !isHost(test)));
    const host = tests.filter(isHost).sort((a, b) => a.path.localeCompare(b.path));
    return [...others, ...host];
  }
}

module.exports = HostLastInPathOrder;
