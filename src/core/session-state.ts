import type {RcConfig} from './protocol/index.js';
import type {ChatSnapshot, QueueInfo, SessionState} from './types.js';

/**
 * Whether the config asks for the registration form: `registrationForm` plus at least the name
 * field, the email field or a department shown on it (rocketchat-protocol.md §5).
 */
export function needsRegistrationForm(config: RcConfig | null): boolean {
  const settings = config?.settings;
  if (!settings?.registrationForm) return false;
  if (settings.nameFieldRegistrationForm || settings.emailFieldRegistrationForm) return true;
  return (config?.departments ?? []).some((d) => d.showOnRegistration);
}

/** Whether `state` is one without a chat: the screen follows the config there. */
export function isResting(state: SessionState): boolean {
  return state === 'idle' || state === 'registering' || state === 'offline';
}

/**
 * The state without a chat: `offline` when no agent is online, `registering` while the form is
 * asked for and the server does not know the visitor yet, else `idle`.
 */
export function restingState(snapshot: Pick<ChatSnapshot, 'config' | 'visitor'>): SessionState {
  const {config, visitor} = snapshot;
  if (config && !config.online) return 'offline';
  const isKnown = Boolean(visitor?.id || visitor?.username);
  return needsRegistrationForm(config) && !isKnown ? 'registering' : 'idle';
}

/** Whether `next` tells the visitor something `previous` did not (a `queue-changed`). */
export function isNewQueue(previous: QueueInfo | null, next: QueueInfo | null): boolean {
  return (
    previous?.position !== next?.position ||
    previous?.estimatedWaitSeconds !== next?.estimatedWaitSeconds
  );
}

/** Rocket.Chat's queue data (`spot`, `estimatedWaitTimeSeconds`) in the public shape. */
export function toQueueInfo(data: {spot: number; estimatedWaitTimeSeconds?: number}): QueueInfo {
  const queue: QueueInfo = {position: data.spot};
  const wait = data.estimatedWaitTimeSeconds;
  if (typeof wait === 'number' && Number.isFinite(wait)) queue.estimatedWaitSeconds = wait;
  return queue;
}
