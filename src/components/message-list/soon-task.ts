/** Work that runs in a task of its own, once however often it is asked for meanwhile. */
export interface SoonTask {
  ask(): void;
  cancel(): void;
}

export function soonTask(run: () => void): SoonTask {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    ask() {
      timer ??= setTimeout(() => {
        timer = undefined;
        run();
      });
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
