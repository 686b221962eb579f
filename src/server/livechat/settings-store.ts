import type {Db} from '../db.js';
import type {LivechatSettings} from './settings.js';

/**
 * Settings an admin saved in the console's Settings screen, one JSON value per key in SQLite
 * (`settings_overrides`). They are applied over the config file and flags at every start, so a
 * restart keeps them; a key never saved keeps following the file.
 */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  /** Copies every saved key into `settings` (in place: every holder of the object sees it). */
  applyTo(settings: LivechatSettings): void {
    const rows = this.db
      .prepare<[], {key: string; value: string}>('SELECT key, value FROM settings_overrides')
      .all();
    const target = settings as unknown as Record<string, unknown>;
    for (const row of rows) {
      // A key a later version dropped stays stored but is not applied.
      if (!(row.key in settings)) continue;
      try {
        target[row.key] = JSON.parse(row.value);
      } catch {
        // A damaged row keeps the file's value rather than stopping the server.
      }
    }
  }

  /** Stores checked values and applies them to the live settings at once. */
  save(settings: LivechatSettings, values: Partial<LivechatSettings>): void {
    const upsert = this.db.prepare(
      `INSERT INTO settings_overrides (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const now = Date.now();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) {
        upsert.run(key, JSON.stringify(value), now);
      }
    })();
    Object.assign(settings, values);
  }
}
