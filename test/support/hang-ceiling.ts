/**
 * The one ceiling of every wait in the tests (readiness, a log line, a child process). It only
 * catches a hang: a test waits for its event, and a shared 2-core machine under load can be ten
 * times slower than an idle one. jest's testTimeout (jest.config.js) is above it, so a wait
 * fails with its own message before jest gives up on the test or hook.
 */
export const HANG_CEILING_MS = 480_000;
