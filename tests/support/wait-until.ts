/**
 * Polls `condition` every `intervalMs` until it returns true or `timeoutMs` has passed.
 * Resolves either way, so the caller's own assertions report what is missing.
 */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
