import { LabsError } from '@labs/config';
import { parsePredictions, predictionsFromRows } from '../src';

describe('parsePredictions', () => {
  it("reads BigQuery's JSON-lines export of ML.PREDICT (INT64 as strings, probs as [{label, prob}])", () => {
    const text = [
      '{"will_buy_on_return_visit":"1","predicted_will_buy_on_return_visit":"1","predicted_will_buy_on_return_visit_probs":[{"label":"1","prob":0.71},{"label":"0","prob":0.29}],"bounces":"0"}',
      '',
      '{"will_buy_on_return_visit":"0","predicted_will_buy_on_return_visit_probs":[{"label":"0","prob":"0.9"},{"label":"1","prob":"0.1"}]}',
    ].join('\n');
    expect(parsePredictions(text, 'p.jsonl')).toEqual([
      { label: 1, probability: 0.71 },
      { label: 0, probability: 0.1 },
    ]);
  });

  it('accepts numeric and boolean labels, a JSON array, a flat probability, and a label-0-only probs array', () => {
    const text = JSON.stringify([
      { will_buy_on_return_visit: 1, probability: 0.5 },
      { will_buy_on_return_visit: false, probability: 0.25 },
      { will_buy_on_return_visit: true, predicted_will_buy_on_return_visit_probs: [{ label: 0, prob: 0.75 }] },
    ]);
    expect(parsePredictions(text, 'p.json')).toEqual([
      { label: 1, probability: 0.5 },
      { label: 0, probability: 0.25 },
      { label: 1, probability: 0.25 },
    ]);
  });

  it('reads CSV with a header, quoted fields and CRLF line ends', () => {
    const text = 'visitor,will_buy_on_return_visit,probability\r\n"a, b",1,0.8\r\nc,0,"0.2"\r\n\r\n';
    expect(parsePredictions(text, 'p.csv')).toEqual([
      { label: 1, probability: 0.8 },
      { label: 0, probability: 0.2 },
    ]);
  });

  it('names the missing label column and the columns it saw', () => {
    expect(() => parsePredictions('visitor,probability\na,0.3\n', 'p.csv')).toThrow(
      new LabsError(
        'row 1 of p.csv has no label column "will_buy_on_return_visit" (columns: visitor, probability); export ML.PREDICT output with the label',
      ),
    );
  });

  it('quotes a bad label, a bad probability and bad JSON', () => {
    expect(() => parsePredictions('{"will_buy_on_return_visit":"yes","probability":0.2}', 'p.jsonl')).toThrow(
      'row 1 of p.jsonl: will_buy_on_return_visit is "yes"; expected 1/0, "1"/"0" or true/false',
    );
    expect(() => parsePredictions('will_buy_on_return_visit,probability\n1,1.5\n', 'p.csv')).toThrow(
      'row 1 of p.csv: no probability in "1.5"',
    );
    expect(() => parsePredictions('{"will_buy_on_return_visit":1,"probability":0.2}\n{oops', 'p.jsonl')).toThrow(
      /^invalid JSON in line 2 of p.jsonl/,
    );
  });

  it('refuses an empty file', () => {
    expect(() => parsePredictions('will_buy_on_return_visit,probability\n', 'p.csv')).toThrow('no predictions in p.csv: it has no rows');
    expect(() => predictionsFromRows([], 'the results')).toThrow(LabsError);
  });
});
