import { parseByteSize } from '../src';

describe('parseByteSize', () => {
  it('reads bytes and decimal units', () => {
    expect(parseByteSize('1000000')).toBe(1_000_000);
    expect(parseByteSize('500MB')).toBe(500_000_000);
    expect(parseByteSize('1.5 gb')).toBe(1_500_000_000);
    expect(parseByteSize('2TB')).toBe(2_000_000_000_000);
  });

  it('quotes a bad value and says what is allowed', () => {
    expect(() => parseByteSize('0')).toThrow(
      'invalid --max-bytes "0": use a positive number of bytes, optionally with a unit kB, MB, GB or TB (for example 10GB)',
    );
    expect(() => parseByteSize('10 GiB')).toThrow('invalid --max-bytes "10 GiB"');
    expect(() => parseByteSize('-5')).toThrow('invalid --max-bytes "-5"');
  });
});
