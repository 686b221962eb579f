import type {ChatModel} from './chat-model.js';
import type {Emitter} from './emitter.js';
import {toLiveChatError} from './errors.js';
import type {RcConfig} from './protocol/index.js';
import {isNewQueue, isResting, restingState, toQueueInfo} from './session-state.js';
import type {RestClient} from './transport/rest.js';
import {LiveChatError, type ChatClientEvents} from './types.js';

/**
 * What loading the config needs (`ChatDeps` has it). The client uses it before its engine is
 * loaded, so this module imports no value from the protocol or the transport.
 */
export interface ConfigDeps {
  rest: Pick<RestClient, 'config'>;
  model: Pick<ChatModel, 'snapshot' | 'patch'>;
  emitter: Emitter<ChatClientEvents>;
  department?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * `GET livechat/config` (with the token when known): stores it in the snapshot, moves between
 * idle, registering and offline while there is no chat, fires `ready` the first time and
 * `service-online`/`-offline` on a change. Rejects `invalid-config` when Livechat is off.
 */
export async function loadConfig(
  deps: ConfigDeps,
  token: string | null,
  isFirst: boolean,
): Promise<RcConfig> {
  const {rest, model, emitter, department} = deps;
  try {
    const answer = await rest.config(token ?? undefined, department);
    if (!answer.enabled || !isObject((answer as RcConfig).settings)) {
      throw new LiveChatError('invalid-config', 'Livechat is not enabled on this server');
    }
    const config = answer as RcConfig;
    const before = model.snapshot;
    const state = isResting(before.state) ? restingState({...before, config}) : before.state;
    const queue = isObject(config.queueInfo) ? toQueueInfo(config.queueInfo) : before.queue;
    model.patch({config, state, queue});
    if (isFirst) emitter.emit('ready', {config});
    if (queue && isNewQueue(before.queue, queue)) emitter.emit('queue-changed', {...queue});
    if (before.config && before.config.online !== config.online) {
      emitter.emit(config.online ? 'service-online' : 'service-offline', {});
    }
    return config;
  } catch (error) {
    const wrapped = toLiveChatError(error);
    if (isFirst) emitter.emit('error', {error: wrapped});
    throw wrapped;
  }
}
