/**
 * Packaging: electron-builder.yml checked against electron-builder's own configuration
 * schema (node_modules/app-builder-lib/scheme.json, with the same validator settings
 * electron-builder uses), the requirements for locked-down laptops, and the app icon.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
// ajv and js-yaml come with electron-builder; load them from where it does.
const builderRequire = createRequire(path.join(REPO, 'node_modules/app-builder-lib/package.json'));

interface AjvError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): AjvValidate;
}
type AjvClass = new (options: object) => AjvInstance;

const AjvModule = builderRequire('ajv') as { default?: AjvClass } & AjvClass;
const Ajv: AjvClass = AjvModule.default ?? AjvModule;
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(path.join(REPO, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
// The options electron-builder itself validates with (app-builder-lib/out/util/config/schemaValidator.js).
const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(schema);

type Config = Record<string, unknown> & {
  win: { target: string[] };
  nsis: Record<string, unknown>;
  linux: { target: string[] };
  mac: { target: string[] };
  fileAssociations: Array<{ ext: string }>;
  icon: string;
};

function loadConfig(): Config {
  return yaml.load(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as Config;
}

function problems(config: unknown): string[] {
  const data = structuredClone(config);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

describe('electron-builder.yml', () => {
  it('matches electron-builder\'s own configuration schema', () => {
    expect(problems(loadConfig())).toEqual([]);
  });

  it('fails the schema on a misspelt key, at the top or nested', () => {
    const top = loadConfig();
    top.fileAsociations = top.fileAssociations;
    delete (top as Record<string, unknown>).fileAssociations;
    expect(problems(top).join('\n')).toMatch(/must NOT have additional properties.*fileAsociations/);

    const nested = loadConfig();
    nested.nsis = { ...nested.nsis, perMachin: false };
    expect(problems(nested).join('\n')).toMatch(/perMachin/);

    const wrongType = loadConfig();
    wrongType.asar = 'yes please';
    expect(problems(wrongType).length).toBeGreaterThan(0);
  });

  it('builds what locked-down laptops need: portable exe, per-user installer, no auto-update, the file association', () => {
    const config = loadConfig();
    expect(config.win.target).toEqual(expect.arrayContaining(['portable', 'nsis']));
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toEqual(expect.arrayContaining(['dmg']));
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.fileAssociations.map((a) => a.ext)).toContain('boardpack');
  });
});

describe('the app icon', () => {
  it('is a whole 512x512 RGBA PNG in assets/build, referenced by electron-builder.yml', () => {
    const config = loadConfig();
    expect(config.icon).toBe('assets/build/icon.png');
    const png = readFileSync(path.join(REPO, config.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Walk the chunks, checking each CRC, and inflate the image data.
    let offset = 8;
    const idat: Buffer[] = [];
    let width = 0;
    let height = 0;
    let colourType = -1;
    for (;;) {
      const length = png.readUInt32BE(offset);
      const type = png.subarray(offset + 4, offset + 8).toString('latin1');
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        colourType = data[9]!;
      }
      if (type === 'IDAT') idat.push(data);
      offset += 12 + length;
      if (type === 'IEND') break;
    }
    expect([width, height, colourType]).toEqual([512, 512, 6]);
    expect(zlib.inflateSync(Buffer.concat(idat)).length).toBe(512 * (512 * 4 + 1));
  });
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
