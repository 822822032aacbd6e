import { LineSplitter } from './lines';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('LineSplitter', () => {
  it('returns complete lines with the byte offset after the last newline, carrying the unfinished line', () => {
    const splitter = new LineSplitter();
    const chunk = bytes('één\ntw'); // é is two bytes: offsets count bytes, not characters
    expect(splitter.push(chunk, 100, 10)).toEqual({ lines: ['één'], lineEnd: 106, tooLong: 0, consumed: 8 });
    expect(splitter.midLine).toBe(true);
    const second = splitter.push(bytes('o\n'), 108, 10);
    expect(second.lines).toEqual(['two']);
    expect(second.lineEnd).toBe(110);
    expect(splitter.midLine).toBe(false);
  });

  it('skips blank lines but moves past them', () => {
    const result = new LineSplitter().push(bytes('\n  \na\n\n'), 0, 10);
    expect(result.lines).toEqual(['a']);
    expect(result.lineEnd).toBe(7);
  });

  it('stops after maxLines, consuming only up to that newline', () => {
    const result = new LineSplitter().push(bytes('a\nb\nc\n'), 10, 2);
    expect(result).toEqual({ lines: ['a', 'b'], lineEnd: 14, tooLong: 0, consumed: 4 });
  });

  it('drops a line over the limit whole and counts it once its newline arrives, across chunks', () => {
    const splitter = new LineSplitter(8);
    expect(splitter.push(bytes('short\n12345'), 0, 10)).toMatchObject({ lines: ['short'], tooLong: 0 });
    expect(splitter.push(bytes('6789'), 11, 10)).toMatchObject({ lines: [], tooLong: 0, lineEnd: undefined });
    expect(splitter.push(bytes('more\nnext\n'), 15, 10)).toMatchObject({ lines: ['next'], tooLong: 1, lineEnd: 25 });
  });

  it('takes a line of exactly the limit', () => {
    expect(new LineSplitter(4).push(bytes('abcd\nabcde\n'), 0, 10)).toMatchObject({ lines: ['abcd'], tooLong: 1 });
  });

  it('ends a rotated file with its unterminated last line, then holds nothing', () => {
    const splitter = new LineSplitter();
    splitter.push(bytes('a\nlast'), 0, 10);
    expect(splitter.end().lines).toEqual(['last']);
    expect(splitter.midLine).toBe(false);
    expect(splitter.end().lines).toEqual([]);
  });

  it('copies what it holds: the caller may reuse its read buffer', () => {
    const splitter = new LineSplitter();
    const buffer = bytes('abc');
    splitter.push(buffer, 0, 10);
    buffer.fill(0x78);
    expect(splitter.push(bytes('\n'), 3, 10).lines).toEqual(['abc']);
  });
});
