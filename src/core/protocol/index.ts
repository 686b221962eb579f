export type * from './wire.js';
export type * from './ddp.js';
export {VISITOR_STREAMS} from './ddp.js';
export {decodeDdpFrame, decodeRcMessage, parseWireDate, toDdpDate, isObject} from './decode.js';
export {
  MESSAGE_MAX_CODE_POINTS,
  FRAME_MAX_BYTES,
  codePointLength,
  isWellFormed,
  toWellFormed,
} from './limits.js';
export {WEEKDAYS, type Weekday, type OpeningTime} from './business-hours.js';
