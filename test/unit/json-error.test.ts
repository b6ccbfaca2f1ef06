/** jsonErrorOffset: the first offending character, agreeing with JSON.parse on validity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../shared/util/json-error';

describe('jsonErrorOffset', () => {
  it('points at the first character that cannot continue the document', () => {
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('{"a":1,,}')).toBe(7);
    expect(jsonErrorOffset('{"a":1')).toBe(6);
    expect(jsonErrorOffset('[1,2]x')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('"\\x"')).toBe(2);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('is undefined for valid JSON, however deep', () => {
    expect(jsonErrorOffset(' {"a": [1, -2.5e3, true, null, {"b": "\\u00e9\\n"}], "c": {}} ')).toBeUndefined();
    expect(jsonErrorOffset('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });

  it('agrees with JSON.parse on random JSON and random corruptions of it', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', ' '), (json, at, insert) => {
        expect(jsonErrorOffset(json)).toBeUndefined();
        const k = at % (json.length + 1);
        const broken = json.slice(0, k) + insert + json.slice(k);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(broken) === undefined).toBe(valid);
      }),
      { numRuns: 500, seed: 18 },
    );
  });
});
