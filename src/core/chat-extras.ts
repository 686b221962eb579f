import {ChatStatsTracker} from './chat-stats.js';
import {fetchUploader, xhrUploader, type Uploader} from './transport/upload.js';

/** Per-client state of the conversation features that the session shares. */
export interface ChatExtras {
  readonly stats: ChatStatsTracker;
  readonly uploader: Uploader;
  /** Whether the element shows the window (`setWindowOpen`): arriving messages are read. */
  isWindowOpen: boolean;
  /** Trigger greetings the visitor has not answered yet: kept out of the stored session. */
  readonly unansweredGreetings: Set<string>;
}

/**
 * The extras of a new client. Uploads use XMLHttpRequest (real progress) unless the caller
 * injected its own `fetch`, which then carries uploads too.
 */
export function createChatExtras(customFetch?: typeof fetch): ChatExtras {
  const hasXhr = typeof XMLHttpRequest === 'function';
  const uploader =
    customFetch || !hasXhr
      ? fetchUploader((input, init) => (customFetch ?? globalThis.fetch)(input, init))
      : xhrUploader;
  return {
    stats: new ChatStatsTracker(),
    uploader,
    isWindowOpen: false,
    unansweredGreetings: new Set(),
  };
}
