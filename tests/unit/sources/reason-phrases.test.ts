import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { reasonPhraseOf } from '../../../src/sources/reason-phrases.js';

describe('reasonPhraseOf', () => {
  it.each(Object.entries(STATUS_CODES))('matches node:http for %s', (code, phrase) => {
    expect(reasonPhraseOf(Number(code))).toBe(phrase);
  });

  it.each([0, 199, 600, 1.5, -200])('returns undefined for %p', (code) => {
    expect(reasonPhraseOf(code)).toBeUndefined();
  });

  it('ignores inherited keys', () => {
    expect(reasonPhraseOf('constructor' as unknown as number)).toBeUndefined();
  });
});
