import {objectFailure} from '../errors.js';
import type {LivechatSettings} from './settings.js';
import type {UploadStore} from './upload-store.js';
import {formatSize} from './uploads.js';

const HOUR_MS = 60 * 60_000;
/** How often the per-address logs are swept of addresses that went quiet. */
const SWEEP_EVERY_MS = 60_000;

/** An upload about to be received: its room, client address and the most bytes it may store. */
export interface UploadClaim {
  rid: string;
  address: string;
  bytes: number;
}

/** Bytes held for an upload under way; `release` says how many it stored in the end (0: none). */
export interface UploadReservation {
  /**
   * `bytes` more of the body arrived: they count against the total quota now; throws
   * `error-upload-storage-full` when they no longer fit (the upload stops there).
   */
  received(bytes: number): void;
  release(storedBytes: number): void;
}

/** Admitted, or refused for the address's byte rate with the wait until it would be admitted. */
export type UploadAdmission =
  {admitted: true; reservation: UploadReservation} | {admitted: false; waitMs: number};

interface AddressLog {
  /** `[time, bytes]` of the uploads stored within the last hour, oldest first. */
  stored: [number, number][];
  inFlight: number;
}

/** The room's quota is used up: RC's `failure({reason, …})` shape, like `error-size-not-allowed`. */
const roomQuotaExceeded = (quota: number) =>
  objectFailure('upload', {reason: 'error-upload-quota-exceeded', quotaAllowed: formatSize(quota)});

/** The uploads folder reached its server-wide cap. */
const storageFull = () => objectFailure('upload', {reason: 'error-upload-storage-full'});

/**
 * Bounds what uploads may store (settings `fileUploadRoomQuotaBytes`, `fileUploadTotalQuotaBytes`,
 * `fileUploadAddressBytesPerHour`; 0 switches one off). Every check happens before the body is
 * read, on the bytes the request may store at most (its size, up to the file size limit). The
 * room's and the address's quotas hold those bytes until the upload ends, so concurrent uploads
 * cannot overshoot them together. The total quota, shared by everyone, holds only the bytes that
 * arrived: claimed bytes let anyone refuse every upload of the site for minutes by opening
 * uploads that announce 10 MiB and send nothing (500 of them, from 11 addresses, held the 5 GiB
 * default); each chunk is checked as it comes, and the one that no longer fits stops its upload.
 * The settings are read at each upload, so a change in the Settings screen applies at once.
 */
export class UploadQuotas {
  private readonly reservedByRoom = new Map<string, number>();
  /** Bytes received by the uploads under way. */
  private receivedTotal = 0;
  /** Bytes stored by uploads that ended since the start (the stored total is a query). */
  private storedSinceStart = 0;
  private readonly addresses = new Map<string, AddressLog>();
  private lastSweep = 0;

  constructor(
    private readonly store: UploadStore,
    private readonly settings: LivechatSettings,
    private readonly now: () => number = Date.now,
    /** False with rate limits off (`--no-rate-limit`), the hourly bytes per address among them. */
    private readonly limitsAddresses = true,
    /** Told of each upload refused for the total quota, with the bytes stored and the quota. */
    private readonly onStorageFull?: (usedBytes: number, quotaBytes: number) => void,
  ) {}

  /**
   * Admits an upload or refuses it: throws `error-upload-quota-exceeded` (the room) or
   * `error-upload-storage-full` (the server), which waiting does not cure, and answers a wait
   * when the address has stored its hourly bytes.
   */
  reserve({rid, address, bytes}: UploadClaim): UploadAdmission {
    const {fileUploadRoomQuotaBytes: roomQuota, fileUploadTotalQuotaBytes: totalQuota} =
      this.settings;
    const roomHeld = this.reservedByRoom.get(rid) ?? 0;
    if (roomQuota > 0 && this.store.roomBytes(rid) + roomHeld + bytes > roomQuota) {
      throw roomQuotaExceeded(roomQuota);
    }
    // Stored bytes now are `base` + what uploads store from here on, without a query per chunk.
    const used = totalQuota > 0 ? this.store.totalBytes() : 0;
    const base = used - this.storedSinceStart;
    const wouldPass = (more: number) =>
      totalQuota > 0 && base + this.storedSinceStart + this.receivedTotal + more > totalQuota;
    const refuseFull = () => {
      this.onStorageFull?.(base + this.storedSinceStart, totalQuota);
      return storageFull();
    };
    if (wouldPass(bytes)) throw refuseFull();
    const now = this.now();
    this.sweep(now);
    const log = this.addresses.get(address) ?? {stored: [], inFlight: 0};
    const waitMs = this.addressWait(log, bytes, now);
    if (waitMs > 0) return {admitted: false, waitMs};
    this.addresses.set(address, log);
    log.inFlight += bytes;
    this.reservedByRoom.set(rid, roomHeld + bytes);
    let receivedBytes = 0;
    let isReleased = false;
    const received = (more: number) => {
      if (isReleased) return;
      if (wouldPass(more)) throw refuseFull();
      receivedBytes += more;
      this.receivedTotal += more;
    };
    const release = (storedBytes: number) => {
      if (isReleased) return;
      isReleased = true;
      log.inFlight -= bytes;
      this.receivedTotal -= receivedBytes;
      this.storedSinceStart += storedBytes;
      const left = (this.reservedByRoom.get(rid) ?? bytes) - bytes;
      if (left > 0) this.reservedByRoom.set(rid, left);
      else this.reservedByRoom.delete(rid);
      // The sweep keeps a log with bytes under way, so this one is still in the map.
      if (storedBytes > 0) log.stored.push([this.now(), storedBytes]);
    };
    return {admitted: true, reservation: {received, release}};
  }

  /**
   * 0 when `bytes` more fit in the address's hour, else the ms until enough stored bytes leave
   * it. An address with nothing stored or under way is always admitted once, so a budget below
   * the file size limit slows uploads down instead of stopping them.
   */
  private addressWait(log: AddressLog, bytes: number, now: number): number {
    const budget = this.settings.fileUploadAddressBytesPerHour;
    if (budget <= 0 || !this.limitsAddresses) return 0;
    while (log.stored.length > 0 && log.stored[0][0] <= now - HOUR_MS) log.stored.shift();
    const used = log.stored.reduce((sum, [, size]) => sum + size, 0) + log.inFlight;
    if (used === 0 || used + bytes <= budget) return 0;
    let excess = used + bytes - budget;
    for (const [time, size] of log.stored) {
      excess -= size;
      if (excess <= 0) return Math.max(1, time + HOUR_MS - now);
    }
    // Only uploads still under way stand in the way: they count for an hour once stored.
    return HOUR_MS;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [address, log] of this.addresses) {
      const newest = log.stored.at(-1);
      if (log.inFlight === 0 && (!newest || newest[0] <= now - HOUR_MS)) {
        this.addresses.delete(address);
      }
    }
  }
}
