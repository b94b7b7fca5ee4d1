// The stored form of a station-day's hourly values (src/monitoring/hourBlob.ts): every value reads back as the very
// double that was stored — measured decimals in the compact format, anything else in the double format — and the
// rows of several imports of one day merge.
import { describe, expect, it } from 'vitest';
import { newDayBuffer } from '../../src/monitoring/air.js';
import { decodeDayHoursInto, encodeDayHours, slotCount, slotMask } from '../../src/monitoring/hourBlob.js';

const roundTrip = (buf: Float64Array) => {
  const back = newDayBuffer();
  expect(decodeDayHoursInto(encodeDayHours(buf), back)).toBe(true);
  return back;
};
const dayWith = (values: Record<number, number>) => {
  const buf = newDayBuffer();
  for (const [k, v] of Object.entries(values)) buf[Number(k)] = v;
  return buf;
};

describe('a stored day', () => {
  it('keeps decimals of up to three places in 584 bytes, and reads each back as the double of its text', () => {
    // Values as files write them: a few digits, up to three places; the expectation is Number(text), not the codec.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const texts: string[] = [];
    const buf = newDayBuffer();
    for (let i = 0; i < 144; i++) {
      const places = next() % 4;
      const text = ((next() % 2_000_000) / 10 ** places).toFixed(places);
      texts.push(text);
      buf[i] = Number(text);
    }
    const bytes = encodeDayHours(buf);
    expect(bytes.byteLength).toBe(8 + 144 * 4);
    const back = roundTrip(buf);
    for (let i = 0; i < 144; i++) expect(Object.is(back[i], Number(texts[i])), `${texts[i]} read back as ${back[i]}`).toBe(true);
  });

  it('at the edges of the compact format: 2147483.647 fits, one more thousandth does not; negative values fit', () => {
    expect(encodeDayHours(dayWith({ 0: 2147483.647 })).byteLength).toBe(584);
    expect(encodeDayHours(dayWith({ 0: -2147483.647 })).byteLength).toBe(584);
    expect(encodeDayHours(dayWith({ 0: 2147483.648 })).byteLength).toBe(8 + 144 * 8);
    expect(encodeDayHours(dayWith({ 0: -5 })).byteLength).toBe(584);
    for (const v of [2147483.647, -2147483.647, 2147483.648, -5, 0]) expect(roundTrip(dayWith({ 3: v }))[3]).toBe(v);
  });

  it('keeps any other double exactly: four places, 0.1 + 0.2, −0, Infinity, very large and very small', () => {
    for (const v of [0.0001, 0.1 + 0.2, -0, Infinity, -Infinity, 1e300, 5e-324, 12.3456789]) {
      const buf = dayWith({ 0: 1, 100: v, 143: 2 });
      expect(encodeDayHours(buf).byteLength, String(v)).toBe(8 + 144 * 8);
      const back = roundTrip(buf);
      expect(Object.is(back[100], v), String(v)).toBe(true);
      expect([back[0], back[143]]).toEqual([1, 2]);
    }
  });

  it('a day with no value: every slot reads back as missing, and its slot mask is 0', () => {
    const back = roundTrip(newDayBuffer());
    expect(back.every((v) => Number.isNaN(v))).toBe(true);
    expect(slotMask(newDayBuffer())).toBe(0);
  });

  it('rows of one day from two imports merge: each fills only the slots it holds', () => {
    const first = dayWith({ 0: 5, 24: 20 }); // SO2 and NO2 of slot 1
    const second = dayWith({ 72: 30, 23: 7 }); // PM2.5 of slot 1, SO2 of slot 24
    const buf = newDayBuffer();
    expect(decodeDayHoursInto(encodeDayHours(first), buf)).toBe(true);
    expect(decodeDayHoursInto(encodeDayHours(second), buf)).toBe(true);
    expect([buf[0], buf[24], buf[72], buf[23]]).toEqual([5, 20, 30, 7]);
    expect(buf.filter((v) => !Number.isNaN(v))).toHaveLength(4);
  });

  it('refuses bytes that are not a stored day (unknown format, wrong length), leaving the buffer as it was', () => {
    const good = encodeDayHours(dayWith({ 0: 1 }));
    const buf = newDayBuffer();
    const unknown = Uint8Array.from(good);
    unknown[0] = 9;
    expect(decodeDayHoursInto(unknown, buf)).toBe(false);
    expect(decodeDayHoursInto(good.subarray(0, good.byteLength - 4), buf)).toBe(false);
    expect(decodeDayHoursInto(new Uint8Array(0), buf)).toBe(false);
    expect(buf.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('reads bytes at any offset of a larger buffer (as a database driver may hand them over)', () => {
    const bytes = encodeDayHours(dayWith({ 5: 0.7, 77: 1.2 }));
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const buf = newDayBuffer();
    expect(decodeDayHoursInto(shifted.subarray(3), buf)).toBe(true);
    expect([buf[5], buf[77]]).toEqual([0.7, 1.2]);
  });

  it('slot mask: bit (slot − 1) for every slot with a value in any column; its count', () => {
    // Slot 1 by SO2, slot 2 by CO (column 4), slot 24 by O3 (column 5).
    const mask = slotMask(dayWith({ 0: 1, [4 * 24 + 1]: 0.5, [5 * 24 + 23]: 80 }));
    expect(mask).toBe(0b1 | 0b10 | (1 << 23));
    expect(slotCount(mask)).toBe(3);
    expect(slotCount(0xffffff)).toBe(24);
    expect(slotCount(0)).toBe(0);
  });
});
