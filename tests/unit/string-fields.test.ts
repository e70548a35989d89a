import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { convertStringFields } from '../../src/framework/string-fields.js';
import { StringFields } from '../../src/index.js';

const validator = new Ajv({ allErrors: true }).compile({
  type: 'object',
  properties: {
    count: { type: 'integer' },
    ratio: { type: 'number' },
    label: { type: 'string' },
  },
});

describe('convertStringFields', () => {
  it('converts integer and number fields', () => {
    const fields = new StringFields({ count: '-12', ratio: '2.5e3', label: '7' });

    const payload = convertStringFields(fields, validator);

    expect(payload).toEqual({ count: -12, ratio: 2500, label: '7' });
  });

  it.each(['0x10', ' 7', '7 ', '1e3', '', '9007199254740993'])(
    'keeps integer text %p a string',
    (text) => {
      const payload = convertStringFields(new StringFields({ count: text }), validator);

      expect(payload.count).toBe(text);
    },
  );

  it('keeps __proto__ an own field', () => {
    const fields = new StringFields(Object.fromEntries([['__proto__', '1']]));

    const payload = convertStringFields(fields, validator);

    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
  });
});
