/** Where the session lives: IndexedDB (`local`), this tab's `sessionStorage`, or memory. */
export type PersistMode = 'local' | 'session' | 'none';
