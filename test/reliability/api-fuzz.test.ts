/**
 * Every API method, driven from its own argument schema, with malformed arguments: wrong
 * types, missing and extra fields, huge strings, null, arrays, deep nesting and
 * prototype-pollution keys. `dispatch` must always answer a typed `{ok:false, error:{code,
 * message}}` or a valid `{ok:true}`: never throw, never show a stack trace.
 *
 * Methods that write or read files are only ever given paths inside this test's temporary
 * folder (checked before every call).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentSchemas, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { createHandlers, dispatch, type Handlers, type Session } from '../../main/core/app';
import { Workspace } from '../../main/core/store/workspace';
import { demoSession } from '../main/core/demo-support';
import { seeded as prng } from '../fixtures/seeded';

interface ZodLike {
  _zod: { def: ZodDef };
}
interface ZodDef {
  type: string;
  innerType?: ZodLike;
  element?: ZodLike;
  entries?: Record<string, string | number>;
  shape?: Record<string, ZodLike>;
}

const ERROR_CODES = new Set(['unknown_method', 'invalid_arguments', 'not_found', 'workspace', 'conflict', 'io', 'internal']);
const RANDOM_CASES_PER_METHOD = 120;

let dir: string;
let session: Session;
let demo: Workspace;
let handlers: Handlers;
const isPathKey = (key: string | undefined) => key !== undefined && /path/i.test(key);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-fuzz-'));
  session = await demoSession();
  await session.workspace.saveAs(path.join(dir, 'demo.boardpack'));
  demo = session.workspace;
  handlers = createHandlers(session);
  await writeFile(path.join(dir, 'notes.boardpack'), 'not a workspace\n'.repeat(20));
  await writeFile(path.join(dir, 'empty.csv'), '');
  await writeFile(path.join(dir, 'junk.xlsx'), 'PK\u0003\u0004 truncated');
}, 120_000);
afterAll(async () => {
  await demo.close();
  await rm(dir, { recursive: true, force: true });
});

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const HUGE = 'x'.repeat(1_000_000);

/** Malformed values for any field (not path fields: those get `badPaths`). */
function badValues(): unknown[] {
  return [
    null,
    undefined,
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    1n,
    true,
    false,
    '',
    ' ',
    '\u0000',
    '\uD800',
    'x'.repeat(5_000),
    HUGE,
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE areas; --",
    '=HYPERLINK("http://example.com")',
    '2024-13',
    '9999/99 Q9',
    '%s%n%x',
    [],
    [null],
    ['x'],
    [[[]]],
    Array.from({ length: 1000 }, (_, i) => i),
    {},
    { a: 1 },
    deep(300),
    Object.create(null) as object,
    JSON.parse('{"__proto__": {"polluted": "yes"}}') as object,
    { constructor: { prototype: { polluted: 'yes' } } },
    new Date(0),
  ];
}

/** Malformed or hostile paths, all inside the temporary folder. */
function badPaths(): unknown[] {
  return [
    null,
    42,
    [],
    {},
    path.join(dir, 'a'.repeat(300)),
    `${dir}${path.sep}${'b'.repeat(5000)}`,
    path.join(dir, 'missing-folder', 'deeper', 'x.boardpack'),
    dir,
    `${path.join(dir, 'nul')}\u0000.boardpack`,
    path.join(dir, 'notes.boardpack'),
    path.join(dir, 'demo.boardpack'),
    path.join(dir, 'empty.csv'),
    path.join(dir, 'junk.xlsx'),
    path.join(dir, 'out.pdf'),
    path.join(dir, 'new.boardpack'),
    [path.join(dir, 'in-an-array.boardpack')],
  ];
}

/** A value of the right type (not necessarily meaningful) for `schema`. */
function sample(schema: ZodLike, key: string | undefined, rand: () => number): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return sample(def.innerType!, key, rand);
    case 'string': {
      if (isPathKey(key)) return path.join(dir, `file-${Math.floor(rand() * 5)}.${['boardpack', 'pdf', 'xlsx', 'csv'][Math.floor(rand() * 4)]}`);
      const options = ['x', '2014/15 Q4', '2024/25 Q3', '2024-01', 'Charnwood', 'E10000018', 'Vehicle crime', 'iVBORw0KGgo='];
      return options[Math.floor(rand() * options.length)];
    }
    case 'number':
      return 1 + Math.floor(rand() * 3);
    case 'boolean':
      return rand() < 0.5;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return values[Math.floor(rand() * values.length)];
    }
    case 'array':
      return [sample(def.element!, key, rand)];
    case 'object':
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, sample(v, k, rand)]));
    default:
      return 'x';
  }
}

function unwrap(schema: ZodLike): ZodLike {
  const def = schema._zod.def;
  return def.type === 'optional' || def.type === 'nullable' || def.type === 'default' ? unwrap(def.innerType!) : schema;
}

/** Every malformed version of `schema`'s value: replace, drop, add, one field at a time, one level of nesting down. */
function malformed(schema: ZodLike, key: string | undefined, rand: () => number): unknown[] {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  const bad = isPathKey(key) ? badPaths() : badValues();
  if (def.type === 'array') {
    const element = def.element!;
    return [...bad, ...malformed(element, key, rand).map((v) => [sample(element, key, rand), v])];
  }
  if (def.type !== 'object') return bad;
  const shape = def.shape ?? {};
  const base = () => sample(inner, key, rand) as Record<string, unknown>;
  const cases: unknown[] = [...bad];
  for (const [field, fieldSchema] of Object.entries(shape)) {
    for (const value of malformed(fieldSchema, field, rand)) cases.push({ ...base(), [field]: value });
    const without = base();
    delete without[field];
    cases.push(without);
  }
  for (const extra of ['extra', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) cases.push({ ...base(), [extra]: { polluted: 'yes' } });
  cases.push(JSON.parse(`{"__proto__": {"polluted": "yes"}, ${Object.keys(shape).map((k) => `"${k}": null`).join(', ') || '"x": 1'}}`));
  cases.push(Object.assign(Object.create({ polluted: 'inherited' }) as object, base()));
  return cases;
}

/** Random mixtures: each field a sample, a malformed value, or missing; sometimes extra keys. */
function randomCase(schema: ZodLike, rand: () => number): unknown {
  const shape = unwrap(schema)._zod.def.shape ?? {};
  const value: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(shape)) {
    const r = rand();
    if (r < 0.4) value[field] = sample(fieldSchema, field, rand);
    else if (r < 0.85) {
      const choices = malformed(fieldSchema, field, rand);
      value[field] = choices[Math.floor(rand() * choices.length)];
    }
  }
  if (rand() < 0.3) value[['__proto__', 'extra', 'constructor'][Math.floor(rand() * 3)]!] = { polluted: 'yes' };
  return value;
}

/** Refuses to send any path-like string outside the temporary folder. */
function assertPathsContained(value: unknown, key?: string, depth = 0): void {
  if (depth > 20) return;
  if (typeof value === 'string' && isPathKey(key)) {
    expect(path.isAbsolute(value) && (path.resolve(value) + path.sep).startsWith(dir + path.sep), `unsafe path ${value.slice(0, 80)}`).toBe(true);
  } else if (Array.isArray(value)) {
    for (const v of value) assertPathsContained(v, key, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertPathsContained(v, k, depth + 1);
  }
}

const figures = { calls: 0, ok: 0, errors: {} as Record<string, number>, internal: new Set<string>() };

async function call(method: MethodName, args: unknown): Promise<void> {
  assertPathsContained(args);
  let response: Awaited<ReturnType<typeof dispatch>>;
  try {
    response = await dispatch(handlers, method, args);
  } catch (error) {
    throw new Error(`dispatch threw for ${method}: ${(error as Error).stack}`);
  }
  figures.calls++;
  expect(typeof response.ok).toBe('boolean');
  if (response.ok) {
    figures.ok++;
    expect('value' in response).toBe(true);
  } else {
    expect(ERROR_CODES.has(response.error.code), `${method}: code ${response.error.code}`).toBe(true);
    expect(typeof response.error.message).toBe('string');
    expect(response.error.message.length).toBeGreaterThan(0);
    expect(response.error.message, `${method}: a stack trace`).not.toMatch(/\n\s+at |    at /);
    figures.errors[response.error.code] = (figures.errors[response.error.code] ?? 0) + 1;
    if (response.error.code === 'internal') figures.internal.add(`${method}: ${response.error.message.slice(0, 200)}`);
  }
  // A method that opened or created another workspace: close it and go back to the demo.
  // Switching closed the demo (saving it), so open it again from its file.
  if (session.workspace !== demo) {
    await session.workspace.close().catch(() => undefined);
    demo = await Workspace.open(path.join(dir, 'demo.boardpack'), session.env);
    session.workspace = demo;
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every API method with malformed arguments', () => {
  it('knows every method in the contract', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
  });

  for (const method of METHOD_NAMES) {
    it(`${method}: typed errors or valid results, never a throw or a stack trace`, { timeout: 60_000 }, async () => {
      const rand = prng(METHOD_NAMES.indexOf(method) + 1);
      const schema = argumentSchemas[method] as unknown as ZodLike;
      for (const args of malformed(schema, undefined, rand)) await call(method, args);
      for (let i = 0; i < RANDOM_CASES_PER_METHOD; i++) await call(method, randomCase(schema, rand));
    });
  }

  it('unknown methods and hostile method names are typed errors too', async () => {
    for (const name of [undefined, null, 42, '', 'constructor', '__proto__', 'toString', 'workspace.info ', 'WORKSPACE.INFO', 'x'.repeat(100_000), ['workspace.info'], {}]) {
      const response = await dispatch(handlers, name, {});
      figures.calls++;
      expect(response).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('none of those calls met an unexpected (internal) error', () => {
    expect(figures.calls).toBeGreaterThan(1000);
    expect([...figures.internal]).toEqual([]);
  });

  afterAll(() => {
    console.log(
      `api-fuzz: ${figures.calls} malformed calls over ${METHOD_NAMES.length} methods: ${figures.ok} ok, errors ${JSON.stringify(figures.errors)}` +
        (figures.internal.size ? `; unexpected (typed 'internal') errors:\n  ${[...figures.internal].join('\n  ')}` : ''),
    );
  });
});
