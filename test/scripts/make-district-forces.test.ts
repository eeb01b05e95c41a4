import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDistrictForces, OUTPUT } from '../../scripts/make-district-forces';
import { builtInForceOf, normaliseForceName } from '../../main/core/imports/policeuk';
import { sharedData } from '../shared-folder';

describe('the built-in district -> police force table', () => {
  it('is what scripts/make-district-forces.ts builds from the ONS files', async () => {
    expect(await readFile(OUTPUT, 'utf8')).toBe(await buildDistrictForces(sharedData()));
  });

  it('knows the districts made since 2016 and matches police.uk force names', () => {
    expect(builtInForceOf('E06000061', 'North Northamptonshire')).toBe('Northamptonshire');
    expect(builtInForceOf('E06000066', 'Somerset')).toBe('Avon and Somerset');
    expect(builtInForceOf('', 'Blaby')).toBe('Leicestershire');
    expect(normaliseForceName('Leicestershire Police')).toBe(normaliseForceName('Leicestershire'));
    expect(normaliseForceName('Devon & Cornwall Police')).toBe(normaliseForceName('Devon & Cornwall'));
    expect(normaliseForceName('City of London Police')).toBe(normaliseForceName('London, City of'));
    expect(normaliseForceName('Metropolitan Police Service')).toBe(normaliseForceName('Metropolitan Police'));
    expect(normaliseForceName('Avon and Somerset Constabulary')).toBe(normaliseForceName('Avon and Somerset'));
    expect(normaliseForceName('Dyfed-Powys Police')).toBe(normaliseForceName('Dyfed-Powys'));
    expect(path.basename(OUTPUT)).toBe('district-forces.ts');
  });
});
