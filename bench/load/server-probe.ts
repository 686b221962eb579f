/**
 * Preloaded into the server process by bench/server-load.ts (`--import`), never by the server
 * itself: it watches the server's event-loop delay and GC pauses, so that a slow figure can be
 * told apart from a slow client or a busy machine. Each SIGUSR2 writes what it saw since the
 * previous one to $LOAD_PROBE_FILE and starts over.
 */
import {writeFileSync} from 'node:fs';
import {PerformanceObserver, monitorEventLoopDelay} from 'node:perf_hooks';

const file = process.env.LOAD_PROBE_FILE;
const RESOLUTION_MS = 2;

// The server's socket processes inherit the preload; the figures are the main process's.
if (file && !process.send) {
  let loop = monitorEventLoopDelay({resolution: RESOLUTION_MS});
  loop.enable();
  let gcCount = 0;
  let gcTotalMs = 0;
  let gcMaxMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount++;
      gcTotalMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  }).observe({entryTypes: ['gc']});
  const lag = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  process.on('SIGUSR2', () => {
    loop.disable();
    writeFileSync(
      file,
      JSON.stringify({
        loopDelayP50Ms: lag(loop.percentile(50)),
        loopDelayP99Ms: lag(loop.percentile(99)),
        loopDelayMaxMs: lag(loop.max),
        gcCount,
        gcTotalMs,
        gcMaxMs,
      }),
    );
    loop = monitorEventLoopDelay({resolution: RESOLUTION_MS});
    loop.enable();
    gcCount = 0;
    gcTotalMs = 0;
    gcMaxMs = 0;
  });
}
