/** Intents of the visitor panel, saved replies, attention and shortcut views. */
declare module './emit.js' {
  interface AgentEventMap {
    'lc-agent-notes-input': {text: string};
    'lc-agent-notes-save': Record<string, never>;
    'lc-agent-canned-save': {id?: string; shortcut: string; text: string};
    'lc-agent-canned-delete': {id: string};
  }
}

export {};
