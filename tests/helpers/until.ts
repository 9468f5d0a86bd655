/**
 * Polls a condition until it holds, for tests that wait on state another part of the app
 * changes (a request that reached a queue, a message that crossed a bus). The bound turns a
 * condition that never comes true into a failure that names it, instead of a hung test.
 */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, everyMs = 5 }: { timeoutMs?: number; everyMs?: number } = {}
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
