// A station-day's stored hourly values (table air_days): the 24 hourly slots of the six columns of one natural day
// in the DayBuffer order (column·24 + slot − 1), as bytes. Pure: no I/O.
//
// Layout: an 8-byte header (byte 0: the format, the rest zero), then 144 values.
//  - format 1, "milli": each value as a 32-bit integer count of 0.001 (little-endian), −2^31 for "no value". Used
//    when every value is exactly the double of a decimal with at most three places (as every measured value is) —
//    k / 1000 is the one correctly rounded division, the same double as reading the decimal text — so a day takes
//    584 bytes and reads back bit for bit.
//  - format 2, "double": each value as a little-endian 64-bit float, NaN for "no value". Anything else (more
//    places, −0, ±Infinity stored before imports refused them) keeps its exact double.
import type { DayBuffer } from './air.js';

const SLOTS = 24;
const COLUMNS = 6;
const VALUES = SLOTS * COLUMNS;
const HEADER = 8;
const MILLI = 1;
const DOUBLE = 2;
const NONE = -0x80000000;
const MAX_MILLI = 0x7fffffff;

const milliOf = (v: number): number | null => {
  const k = Math.round(v * 1000);
  return k / 1000 === v && k <= MAX_MILLI && k > NONE && !Object.is(v, -0) ? k : null;
};

/** The bytes of one day's values (NaN = no value). */
export function encodeDayHours(buf: DayBuffer): Uint8Array {
  const milli = new Uint8Array(HEADER + VALUES * 4);
  const view = new DataView(milli.buffer);
  milli[0] = MILLI;
  for (let i = 0; i < VALUES; i++) {
    const v = buf[i]!;
    const k = v !== v ? NONE : milliOf(v);
    if (k === null) return encodeDoubles(buf);
    view.setInt32(HEADER + i * 4, k, true);
  }
  return milli;
}

function encodeDoubles(buf: DayBuffer): Uint8Array {
  const out = new Uint8Array(HEADER + VALUES * 8);
  const view = new DataView(out.buffer);
  out[0] = DOUBLE;
  for (let i = 0; i < VALUES; i++) view.setFloat64(HEADER + i * 8, buf[i]!, true);
  return out;
}

/**
 * Writes the values of stored bytes into `buf` (its other slots are left as they are: the rows of several imports of
 * one day merge). Returns false for bytes that are not a stored day.
 */
export function decodeDayHoursInto(bytes: Uint8Array, buf: DayBuffer): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === MILLI && bytes.byteLength === HEADER + VALUES * 4) {
    for (let i = 0; i < VALUES; i++) {
      const k = view.getInt32(HEADER + i * 4, true);
      if (k !== NONE) buf[i] = k / 1000;
    }
    return true;
  }
  if (bytes[0] === DOUBLE && bytes.byteLength === HEADER + VALUES * 8) {
    for (let i = 0; i < VALUES; i++) {
      const v = view.getFloat64(HEADER + i * 8, true);
      if (v === v) buf[i] = v;
    }
    return true;
  }
  return false;
}

/** Slots (bit slot − 1) with any value: the `slots` column, so that hours can be counted without the bytes. */
export function slotMask(buf: DayBuffer): number {
  let mask = 0;
  for (let c = 0; c < COLUMNS; c++)
    for (let s = 0; s < SLOTS; s++) {
      const v = buf[c * SLOTS + s]!;
      if (v === v) mask |= 1 << s;
    }
  return mask;
}

/** Number of set bits of a slot mask. */
export function slotCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}
