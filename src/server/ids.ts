import {createHash, randomBytes} from 'node:crypto';

// Meteor's Random.id() alphabet: no look-alike characters.
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const ID_LENGTH = 17;
// The largest multiple of the alphabet size below 256, so every character is equally likely.
const BYTE_LIMIT = 256 - (256 % ID_ALPHABET.length);

/** A Meteor-style random id (17 characters, about 98 bits), like Rocket.Chat room and user ids. */
export function randomId(length = ID_LENGTH): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= BYTE_LIMIT) continue;
      id += ID_ALPHABET[byte % ID_ALPHABET.length];
      if (id.length === length) break;
    }
  }
  return id;
}

/** A login token: 32 random bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** How login tokens are stored: a SHA-256 hash, so a copy of the database cannot log in. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64');
