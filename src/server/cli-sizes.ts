import type {LivechatSettings} from './livechat/settings.js';

/** Size flags (bytes, or a number with K, M or G: powers of 1024) and their settings. */
const SIZE_FLAGS = {
  'upload-room-quota': 'fileUploadRoomQuotaBytes',
  'upload-total-quota': 'fileUploadTotalQuotaBytes',
  'upload-address-rate': 'fileUploadAddressBytesPerHour',
} as const;

const SIZE_UNITS: Record<string, number> = {'': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3};

/** `200M` → 209715200; `null` for anything but digits with an optional K, M or G. */
function parseSize(value: string): number | null {
  const match = /^(\d{1,15})([KMG]?)$/i.exec(value);
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toUpperCase()] : NaN;
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/**
 * Reads the size flags present (`text(flag)`) into `settings`; returns a one-line error for a
 * value that is not a size.
 */
export function readSizeFlags(
  text: (flag: string) => string | undefined,
  settings: Partial<LivechatSettings>,
): string | null {
  for (const [flag, key] of Object.entries(SIZE_FLAGS)) {
    const value = text(flag);
    if (value === undefined) continue;
    const bytes = parseSize(value);
    if (bytes === null) return `--${flag} expects bytes or a size like 200M, got '${value}'`;
    settings[key] = bytes;
  }
  return null;
}
