/**
 * The first `Intl` formatter a new renderer process builds costs 15–60 ms while ICU loads its
 * data: as long as rendering a restored log. So views show their messages first and their dates
 * once `datesReady()`, after the next paint, and a visitor who comes back in a new tab sees the
 * newest messages that much sooner. Later renders (a reload keeps the process) pay nothing.
 */
let ready = false;
let waiting: Promise<void> | undefined;

export const datesReady = (): boolean => ready;

/** Settles after the next paint, from then on `datesReady()` is true. */
export function whenDatesReady(): Promise<void> {
  // A frame, then a task: the frame's paint comes before the task.
  waiting ??= new Promise((resolve) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        ready = true;
        resolve();
      }),
    ),
  );
  return waiting;
}
