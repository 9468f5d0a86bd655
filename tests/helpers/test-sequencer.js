/**
 * Jest's own order (slowest and failed files first), except for the `host` project: the plugins'
 * host tests share the plugin host's small fixture, so they run in path order, which lets the
 * files that only read it (api-guards … search) go before translations', which adds it versions.
 *
 * The api and integration files are deliberately not put in a fixed order: each must pass after
 * any other (it cleans up what it writes and reads no "first" entry of a shared list), and an
 * order that changes between runs and machines shows a file that does not as a failure, where a
 * fixed order would hide it (docs/development.md, test tiers).
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
