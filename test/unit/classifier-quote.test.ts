import { describe, expect, it } from 'vitest';
import { quote } from '../../shared/classifier/context';

describe('quote (the candidate words an explanation cites)', () => {
  it('leaves out a closing full stop, since the explanation puts its own after the quote', () => {
    expect(`Raised a scenario: ${quote('Memory has to stay bounded.')}.`).toBe('Raised a scenario: “Memory has to stay bounded”.');
  });
  it('keeps a question mark, an ellipsis and a list item without its bullet', () => {
    expect(quote('What if the key is empty?')).toBe('“What if the key is empty?”');
    expect(quote('We could wait...')).toBe('“We could wait...”');
    expect(quote('- keep the clock injectable.')).toBe('“keep the clock injectable”');
  });
  it('clips a long sentence with an ellipsis', () => {
    expect(quote('a'.repeat(200), 10)).toBe(`“${'a'.repeat(9)}…”`);
  });
});
