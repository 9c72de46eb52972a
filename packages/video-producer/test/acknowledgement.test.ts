import { AckStreamParser, describeErrorAck, describeErrorId, parseAck, PUT_MEDIA_ERRORS, type ErrorAck } from '../src';

describe('parseAck', () => {
  it.each(['BUFFERING', 'RECEIVED', 'PERSISTED'] as const)('reads %s with its timecode and fragment number', (type) => {
    const line = `{"EventType":"${type}","FragmentTimecode":1700000000000,"FragmentNumber":"91343852333181432392682062607743920146264799384"}`;
    expect(parseAck(line)).toEqual({
      type,
      fragmentTimecode: 1_700_000_000_000,
      fragmentNumber: '91343852333181432392682062607743920146264799384',
    });
  });

  it('reads BUFFERING without a fragment number', () => {
    expect(parseAck('{"EventType":"BUFFERING","FragmentTimecode":12}')).toEqual({ type: 'BUFFERING', fragmentTimecode: 12 });
  });

  it('reads IDLE', () => {
    expect(parseAck('{"EventType":"IDLE"}')).toEqual({ type: 'IDLE' });
  });

  it('reads ERROR with the meaning and class of its ErrorId', () => {
    const ack = parseAck('{"EventType":"ERROR","FragmentTimecode":5,"ErrorId":4004,"ErrorCode":"FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS"}');
    expect(ack).toEqual({
      type: 'ERROR',
      fragmentTimecode: 5,
      errorId: 4004,
      errorCode: 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS',
      meaning: 'fragment timecode is lower than the previous one in this PutMedia call',
      retryable: false,
    });
    expect(describeErrorAck(ack as ErrorAck)).toBe(
      'PutMedia error 4004 FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS at fragment timecode 5: fragment timecode is lower than the previous one in this PutMedia call (fatal)',
    );
  });

  it('fills in the ErrorCode from the id when the service omits it', () => {
    expect(parseAck('{"EventType":"ERROR","ErrorId":5001}')).toMatchObject({ errorCode: 'ARCHIVAL_ERROR', retryable: true });
  });

  it.each([
    ['', 'malformed PutMedia acknowledgement ""'],
    ['{"EventType":', 'malformed PutMedia acknowledgement'],
    ['{"EventType":"DONE"}', 'unknown PutMedia acknowledgement EventType "DONE"'],
    ['{"EventType":"PERSISTED"}', 'PutMedia PERSISTED acknowledgement without FragmentTimecode'],
    ['{"EventType":"ERROR"}', 'PutMedia ERROR acknowledgement without ErrorId'],
  ])('rejects %j', (line, message) => {
    expect(() => parseAck(line)).toThrow(message);
  });
});

describe('ErrorId classes', () => {
  const retryable = Object.entries(PUT_MEDIA_ERRORS)
    .filter(([, info]) => info.retryable)
    .map(([id]) => Number(id));

  it('retries only stream read errors, connection expiry, an unavailable key and service-side failures', () => {
    expect(retryable).toEqual([4000, 4003, 4503, 5000, 5001]);
  });

  it('covers every documented id from 4000 to 4012, 4500 to 4506 and 5000 to 5001', () => {
    const ids = Object.keys(PUT_MEDIA_ERRORS).map(Number);
    const expected = [...range(4000, 4012), ...range(4500, 4506), 5000, 5001];
    expect(ids).toEqual(expected);
  });

  it('classes unknown ids by range: 5xxx retryable, 4xxx fatal', () => {
    expect(describeErrorId(5999)).toEqual({ code: 'ERROR_5999', meaning: 'unknown service-side error', retryable: true });
    expect(describeErrorId(4999)).toEqual({ code: 'ERROR_4999', meaning: 'unknown client-side error', retryable: false });
  });
});

describe('ErrorIds 4005 and 4012 (PutMedia API reference)', () => {
  it('names 4005 the deprecated one-track error and 4012 the more-than-allowed-tracks error', () => {
    expect(describeErrorId(4005)).toMatchObject({ meaning: 'more than one track found in the MKV (deprecated)', retryable: false });
    expect(describeErrorId(4012)).toEqual({
      code: 'MORE_THAN_ALLOWED_TRACKS_FOUND',
      meaning: 'more than the allowed number of tracks found in the MKV',
      retryable: false,
    });
  });
});

describe('AckStreamParser', () => {
  it('reports a line it cannot read and carries on with the next ones', () => {
    const bad: string[] = [];
    const parser = new AckStreamParser((error) => bad.push(error.message));
    const acks = parser.push('{"EventType":"NEW_KIND"}\nnot json\n{"EventType":"IDLE"}\n');
    expect(acks).toEqual([{ type: 'IDLE' }]);
    expect(bad).toEqual(['unknown PutMedia acknowledgement EventType "NEW_KIND"', 'malformed PutMedia acknowledgement "not json"']);
  });

  it('splits newline-separated acknowledgements arriving in arbitrary chunks, skipping blank lines', () => {
    const body =
      '{"EventType":"BUFFERING","FragmentTimecode":1}\r\n\n{"EventType":"RECEIVED","FragmentTimecode":1,"FragmentNumber":"9"}\n{"EventType":"PERSISTED","FragmentTimecode":1,"FragmentNumber":"9"}';
    const parser = new AckStreamParser();
    const acks = [];
    for (let i = 0; i < body.length; i += 5) acks.push(...parser.push(body.slice(i, i + 5)));
    expect(acks.map((a) => a.type)).toEqual(['BUFFERING', 'RECEIVED']);
    expect(parser.end()).toEqual([{ type: 'PERSISTED', fragmentTimecode: 1, fragmentNumber: '9' }]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
