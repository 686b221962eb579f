/**
 * Runs `run` at start (on the next turn of the event loop) and then every `intervalMs`, never
 * two at once, until the returned stop(), which resolves once a run under way has ended: the
 * sweeps of uploads and visitors. A run asks `isStopped()` between its steps to end early; a
 * failure goes to `onError` (unless stopped) and the next run tries again.
 */
export function repeatJob(
  run: (isStopped: () => boolean) => Promise<void>,
  intervalMs: number,
  onError?: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const stopped = () => isStopped;
  const start = () => {
    if (running || isStopped) return;
    running = run(stopped)
      .catch((error: unknown) => {
        if (!isStopped) onError?.(error);
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(start, 0);
  first.unref();
  const timer = setInterval(start, intervalMs);
  timer.unref();
  return async () => {
    isStopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
