/**
 * Starts the long harness suites first, so that the two workers finish together: without
 * timings from an earlier run (a fresh clone, CI), jest would order files by size alone.
 */
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = [
  'test/monitoring/live-harness.test.ts',
  'test/docs/commands.test.ts',
  'test/backfill/promtool-prometheus.test.ts',
  'test/backfill/identity-generated.test.ts',
];

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = LONGEST_FIRST.findIndex((path) => test.path.endsWith(path));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    const others = super.sort(tests.filter((test) => rank(test) === LONGEST_FIRST.length));
    const long = tests.filter((test) => rank(test) < LONGEST_FIRST.length).sort((a, b) => rank(a) - rank(b));
    return [...long, ...others];
  }
}

module.exports = LongestFirstSequencer;
