import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import type {Db} from '../db.js';

/** How long a `?token=` file link works (Rocket.Chat's JWT links are short-lived as well). */
export const FILE_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const HEADER = Buffer.from(JSON.stringify({alg: 'HS256', typ: 'JWT'})).toString('base64url');

/**
 * Signs and checks the `?token=` of file links (`fileUpload.publicFilePath`): an HS256 JWT
 * naming one file, with an expiry. The key is made once and kept in the database, so links
 * survive a restart.
 */
export class FileTokens {
  private readonly key: Buffer;

  constructor(db: Db) {
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('file_token_key', ?) ON CONFLICT (key) DO NOTHING",
    ).run(randomBytes(32).toString('base64'));
    const row = db
      .prepare<[], {value: string}>("SELECT value FROM meta WHERE key = 'file_token_key'")
      .get()!;
    this.key = Buffer.from(row.value, 'base64');
  }

  /** A token that opens this one file until `now + ttlMs`. */
  sign(fileId: string, now = Date.now(), ttlMs = FILE_LINK_TTL_MS): string {
    const payload = Buffer.from(
      JSON.stringify({
        fileId,
        iat: Math.floor(now / 1000),
        exp: Math.floor((now + ttlMs) / 1000),
      }),
    ).toString('base64url');
    return `${HEADER}.${payload}.${this.signature(`${HEADER}.${payload}`)}`;
  }

  /** Whether `token` is ours, unexpired and names this file. */
  verify(token: string, fileId: string, now = Date.now()): boolean {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return false;
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as {
        fileId?: unknown;
        exp?: unknown;
      };
      return claims.fileId === fileId && typeof claims.exp === 'number' && claims.exp * 1000 > now;
    } catch {
      return false;
    }
  }

  private signature(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
