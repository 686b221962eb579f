import {customAlphabet, nanoid} from 'nanoid';

// Meteor's Random.id() alphabet: ids look like the ones Rocket.Chat mints itself.
const RC_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const MESSAGE_ID_LENGTH = 17;
const VISITOR_TOKEN_LENGTH = 32;

const rcId = customAlphabet(RC_ID_ALPHABET, MESSAGE_ID_LENGTH);

/** A Rocket.Chat-like message id (17 characters, about 98 bits), minted before sending. */
export function newMessageId(): string {
  return rcId();
}

/** A visitor token: the visitor's only credential, so 32 nanoid characters (192 bits). */
export function newVisitorToken(): string {
  return nanoid(VISITOR_TOKEN_LENGTH);
}
