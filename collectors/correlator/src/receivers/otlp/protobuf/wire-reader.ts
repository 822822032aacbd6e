/**
 * A protobuf wire-format reader over one Buffer, for the hand-written OTLP message walkers in `otlp-decode.ts`.
 * It reads exactly what protobufjs's BufferReader reads (varints, fixed 32/64-bit, doubles, length-delimited
 * strings and bytes) with the same limits: a read past the end of the enclosing message is a RangeError, and
 * messages or groups nested more than MAX_DEPTH deep are refused (protoc's default recursion limit, as in
 * protobufjs). 64-bit integers are never built as Long objects: `lo`/`hi` hold the two halves of the last one read,
 * and the readers below turn them into what the decoders use — epoch milliseconds for times, numbers for counts,
 * a number or (past 2^53) an exact decimal string for integer attribute values.
 */

/** Wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const FIXED32 = 5;

/** Messages nested deeper than this are refused, as protoc and protobufjs do by default. */
const MAX_DEPTH = 100;

function outOfRange(): RangeError {
  return new RangeError('index out of range');
}

function tooDeep(): Error {
  return new Error('maximum nesting depth exceeded');
}

export class WireReader {
  pos = 0;
  /** End of the message being read (a length-delimited field narrows it while its contents are read). */
  limit: number;
  /** Halves of the last 64-bit value read by `fixed64` or `varint64` (unsigned 32-bit numbers). */
  lo = 0;
  hi = 0;
  private readonly view: DataView;

  constructor(readonly buf: Buffer) {
    this.limit = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint's low 32 bits as an unsigned number (tags, lengths, uint32); longer varints are read to their end. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= this.limit) throw outOfRange();
    let b = buf[pos++] as number;
    let value = b & 127;
    if (b < 128) {
      this.pos = pos;
      return value;
    }
    for (let shift = 7; shift < 35; shift += 7) {
      if (pos >= this.limit) throw outOfRange();
      b = buf[pos++] as number;
      value |= (b & 127) << shift;
      if (b < 128) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    // Bits past 32 are dropped, as protobufjs does, but the varint must still end within 10 bytes.
    for (let i = 5; i < 10; i++) {
      if (pos >= this.limit) throw outOfRange();
      if ((buf[pos++] as number) < 128) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new Error('invalid varint encoding');
  }

  /** A full 64-bit varint into `lo` / `hi` (int64, uint64). */
  varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= this.limit) throw outOfRange();
      b = buf[pos++] as number;
      lo |= (b & 127) << shift;
      if (b < 128) return this.set64(pos, lo, 0);
    }
    if (pos >= this.limit) throw outOfRange();
    b = buf[pos++] as number;
    lo |= (b & 127) << 28;
    hi = (b & 127) >> 4;
    if (b < 128) return this.set64(pos, lo, hi);
    for (let shift = 3; shift < 38; shift += 7) {
      if (pos >= this.limit) throw outOfRange();
      b = buf[pos++] as number;
      hi |= (b & 127) << shift;
      if (b < 128) return this.set64(pos, lo, hi);
    }
    throw new Error('invalid varint encoding');
  }

  private set64(pos: number, lo: number, hi: number): void {
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** A fixed64 count of nanoseconds since the epoch as whole epoch milliseconds, exactly (what the decoders use). */
  fixed64Millis(): number {
    this.fixed64();
    return floorMillis(this.lo, this.hi);
  }

  /** A fixed64 (a count) as the nearest number: exact below 2^53, as Number() of its decimal form above. */
  fixed64Number(): number {
    this.fixed64();
    return this.hi * TWO_POW_32 + this.lo;
  }

  /** An sfixed64 as the nearest number. */
  sfixed64Number(): number {
    this.fixed64();
    return signedNumber(this.lo, this.hi);
  }

  /** A uint64 varint as the nearest number. */
  uint64Number(): number {
    this.varint64();
    return this.hi * TWO_POW_32 + this.lo;
  }

  /**
   * An int64 varint (an attribute's intValue): a number when it is a safe integer, else its exact decimal string,
   * since attribute values also become text (series keys, entity fields) and must not lose digits.
   */
  int64Value(): number | string {
    this.varint64();
    const { lo, hi } = this;
    if (hi < SAFE_HI) return hi * TWO_POW_32 + lo;
    if (hi >= 0x80000000) {
      const negLo = (~lo + 1) >>> 0;
      const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
      if (negHi < SAFE_HI) return -(negHi * TWO_POW_32 + negLo);
    }
    return signedDecimal(lo, hi);
  }

  /**
   * Enters a length-delimited field (a message, or a packed run) found at nesting `depth`: narrows `limit` to its
   * end and returns the enclosing limit, for `leave`.
   */
  enter(depth: number): number {
    if (depth > MAX_DEPTH) throw tooDeep();
    const end = this.lengthEnd();
    const outer = this.limit;
    this.limit = end;
    return outer;
  }

  leave(outer: number): void {
    this.limit = outer;
  }

  int32(): number {
    return this.uint32() | 0;
  }

  sint32(): number {
    const value = this.uint32();
    return ((value >>> 1) ^ -(value & 1)) | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.limit) throw outOfRange();
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  /** A fixed64 or sfixed64 into `lo` / `hi`. */
  fixed64(): void {
    const pos = this.pos;
    if (pos + 8 > this.limit) throw outOfRange();
    this.pos = pos + 8;
    this.lo = this.view.getUint32(pos, true);
    this.hi = this.view.getUint32(pos + 4, true);
  }

  double(): number {
    const pos = this.pos;
    if (pos + 8 > this.limit) throw outOfRange();
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads a length prefix and returns where the field's contents end (not past the enclosing message). */
  lengthEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.limit) throw outOfRange();
    return end;
  }

  string(): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    return end - start <= MAX_INTERNED ? shortString(this.buf, start, end) : this.buf.toString('utf8', start, end);
  }

  /** Skips a field of an unknown number (or of a known one sent with another wire type). */
  skip(wireType: number, depth: number): void {
    switch (wireType) {
      case VARINT:
        this.varint64();
        return;
      case FIXED64:
        this.advance(8);
        return;
      case LENGTH_DELIMITED:
        this.pos = this.lengthEnd();
        return;
      case START_GROUP: {
        if (depth > MAX_DEPTH) throw tooDeep();
        for (;;) {
          const tag = this.uint32();
          if ((tag & 7) === END_GROUP) return;
          this.skip(tag & 7, depth + 1);
        }
      }
      case FIXED32:
        this.advance(4);
        return;
      default:
        throw new Error(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private advance(bytes: number): void {
    if (this.pos + bytes > this.limit) throw outOfRange();
    this.pos += bytes;
  }
}

/**
 * Short ASCII strings (attribute keys and most values: "host.name", "state", "user", a host or process name)
 * repeat from point to point and request to request. They are looked up by their bytes in a small table of the
 * strings already made instead of being decoded again: no native call and no new string per attribute.
 */
const MAX_INTERNED = 32;
const INTERN_SLOTS = 4096;
const interned: Array<string | undefined> = new Array<string | undefined>(INTERN_SLOTS);

function shortString(buf: Buffer, start: number, end: number): string {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (byte >= 0x80) return buf.toString('utf8', start, end);
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  const slot = (hash >>> 0) & (INTERN_SLOTS - 1);
  const known = interned[slot];
  if (known !== undefined && known.length === end - start) {
    let same = true;
    for (let i = 0; i < known.length; i++) {
      if (known.charCodeAt(i) !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const made = buf.toString('latin1', start, end);
  interned[slot] = made;
  return made;
}

const TWO_POW_32 = 4294967296;
/** `hi` below this: the 64-bit value is below 2^53, a safe integer. */
const SAFE_HI = 0x200000;
const NANOS_PER_MILLI = 1e6;

/**
 * floor((hi * 2^32 + lo) / 10^6), exactly: hi * 2^32 = hi * 4294 * 10^6 + hi * 967296, and the remainder part
 * hi * 967296 + lo stays below 2^53, so every step is a safe integer (the quotient is taken without rounding).
 */
export function floorMillis(lo: number, hi: number): number {
  const low = hi * 967296 + lo;
  return hi * 4294 + (low - (low % NANOS_PER_MILLI)) / NANOS_PER_MILLI;
}

/** The two's-complement signed 64-bit integer in `hi` / `lo`, as the nearest number. */
function signedNumber(lo: number, hi: number): number {
  if ((hi & 0x80000000) === 0) return hi * TWO_POW_32 + lo;
  const negLo = (~lo + 1) >>> 0;
  const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
  return -(negHi * TWO_POW_32 + negLo);
}

/**
 * The unsigned 64-bit integer `hi * 2^32 + lo` in decimal, exactly (as Long.toString gives it). Past 2^53 the
 * value is split at a million: hi * 2^32 = hi * 4294 * 10^6 + hi * 967296, every part a safe integer.
 */
export function unsignedDecimal(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * TWO_POW_32 + lo);
  const low = hi * 967296 + lo;
  const millions = hi * 4294 + Math.floor(low / 1e6);
  return `${millions}${String((low % 1e6) + 1e6).slice(1)}`;
}

/** The two's-complement signed 64-bit integer in `hi` / `lo`, in decimal. */
export function signedDecimal(lo: number, hi: number): string {
  if ((hi & 0x80000000) === 0) return unsignedDecimal(lo, hi);
  const negLo = (~lo + 1) >>> 0;
  const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
  return `-${unsignedDecimal(negLo, negHi)}`;
}
