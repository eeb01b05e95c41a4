/** The definition form shows each problem the API names beside its field, and the rest above. */
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../../../renderer/src/features/indicators/problems';

describe('fieldProblems', () => {
  it('puts each named field\'s problem beside that field', () => {
    expect(fieldProblems('indicators.save: "name": Give the indicator a name; "decimals": Decimals from 0 to 6')).toEqual({
      fields: { name: 'Give the indicator a name', decimals: 'Decimals from 0 to 6' },
      rest: null,
    });
  });

  it('keeps a message that names no field whole, to show above the form', () => {
    expect(fieldProblems('There is already an indicator "Vehicle crime (count)".')).toEqual({ fields: {}, rest: 'There is already an indicator "Vehicle crime (count)".' });
    // A quoted word inside an ordinary sentence is not a field.
    expect(fieldProblems('The unit "per 1,000" is not known: choose one from the list')).toEqual({ fields: {}, rest: 'The unit "per 1,000" is not known: choose one from the list' });
  });
});
