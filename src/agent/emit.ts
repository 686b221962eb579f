/** Intents the console's views send up to `<lc-agent-app>`, with their details. */
export interface AgentEventMap {
  'lc-agent-login': {username: string; password: string};
  'lc-agent-select-room': {rid: string | null};
  'lc-agent-send': {rid: string; text: string};
  'lc-agent-retry': {rid: string; id: string};
  'lc-agent-typing': {rid: string; isTyping: boolean};
  'lc-agent-close-room': {rid: string; comment: string; tags: readonly string[]};
  'lc-agent-take': {inquiryId: string};
  'lc-agent-mark-offline': {id: string; isRead: boolean};
  'lc-agent-refresh': {list: 'offline' | 'queue'; more?: boolean};
  'lc-agent-set-avatar': {file: File};
  'lc-agent-history-search': {query: string};
  'lc-agent-history-more': Record<string, never>;
  'lc-agent-history-open': {rid: string | null};
  'lc-agent-transfer-open': {rid: string};
  'lc-agent-transfer': {rid: string; userId?: string; departmentId?: string; comment: string};
  'lc-agent-transfer-cancel': Record<string, never>;
  'lc-agent-upload': {rid: string; files: readonly File[]; caption?: string};
  'lc-agent-upload-cancel': {rid: string; id: number};
}

export type AgentEventName = keyof AgentEventMap;

/** Dispatches a bubbling, composed intent event from a console view. */
export function emit<K extends AgentEventName>(
  host: HTMLElement,
  name: K,
  detail: AgentEventMap[K],
): void {
  host.dispatchEvent(new CustomEvent(name, {bubbles: true, composed: true, detail}));
}

declare global {
  interface HTMLElementEventMap {
    'lc-agent-login': CustomEvent<AgentEventMap['lc-agent-login']>;
    'lc-agent-select-room': CustomEvent<AgentEventMap['lc-agent-select-room']>;
    'lc-agent-send': CustomEvent<AgentEventMap['lc-agent-send']>;
    'lc-agent-retry': CustomEvent<AgentEventMap['lc-agent-retry']>;
    'lc-agent-typing': CustomEvent<AgentEventMap['lc-agent-typing']>;
    'lc-agent-close-room': CustomEvent<AgentEventMap['lc-agent-close-room']>;
    'lc-agent-take': CustomEvent<AgentEventMap['lc-agent-take']>;
    'lc-agent-mark-offline': CustomEvent<AgentEventMap['lc-agent-mark-offline']>;
    'lc-agent-refresh': CustomEvent<AgentEventMap['lc-agent-refresh']>;
    'lc-agent-set-avatar': CustomEvent<AgentEventMap['lc-agent-set-avatar']>;
    'lc-agent-history-search': CustomEvent<AgentEventMap['lc-agent-history-search']>;
    'lc-agent-history-more': CustomEvent<AgentEventMap['lc-agent-history-more']>;
    'lc-agent-history-open': CustomEvent<AgentEventMap['lc-agent-history-open']>;
    'lc-agent-transfer-open': CustomEvent<AgentEventMap['lc-agent-transfer-open']>;
    'lc-agent-transfer': CustomEvent<AgentEventMap['lc-agent-transfer']>;
    'lc-agent-transfer-cancel': CustomEvent<AgentEventMap['lc-agent-transfer-cancel']>;
    'lc-agent-upload': CustomEvent<AgentEventMap['lc-agent-upload']>;
    'lc-agent-upload-cancel': CustomEvent<AgentEventMap['lc-agent-upload-cancel']>;
  }
}
