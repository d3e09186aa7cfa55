// The npm package against the command line: for every example program
// and trace, on every strategy, `run` and `replay` give exactly the report
// `alloc-sim run --json` and `alloc-sim ops --json` print, and
// `strategies` and `sizeClasses` say what the command line says.
//
// `cargo xtask test` builds the package (`cargo xtask pkg`) and the
// command line first, then runs this with Node's test runner. PKG and
// ALLOC_SIM name them when they are elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PKG = resolve(process.env.PKG ?? join(ROOT, 'pkg'));
const CLI = resolve(process.env.ALLOC_SIM ?? join(ROOT, 'target', 'debug', 'alloc-sim'));
const EXAMPLES = join(ROOT, 'alloc-sim', 'examples');

const allocscope = await import(pathToFileURL(join(PKG, 'allocscope.js')).href);
// The web build of the package, started in Node from the module's bytes.
allocscope.initSync({ module: readFileSync(join(PKG, 'allocscope_bg.wasm')) });

function cli(args, input) {
  const out = execFileSync(CLI, args, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  return out;
}

function files(dir, ext) {
  return readdirSync(join(EXAMPLES, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(EXAMPLES, dir, f), 'utf8') }));
}

const strategies = allocscope.strategies().map((s) => s.name);
const programs = [...files('scenarios', '.rs'), ...files('allocators', '.rs')];
const traces = files('ops', '.ops');

test('the package lists the strategies the command line takes', () => {
  assert.ok(strategies.length >= 7, strategies.join(','));
  // The command line's own list of them, in its error for a wrong one.
  let refused = '';
  try {
    cli(['classes', 'no-such-strategy', '--max', '1']);
  } catch (e) {
    refused = String(e.stderr);
  }
  const listed = refused.split('choose one of: ')[1]?.split('\n')[0].split(', ');
  assert.deepEqual(listed, strategies);
  for (const s of allocscope.strategies()) {
    assert.ok(s.summary.length > 0, `${s.name} has a summary`);
    for (const setting of s.settings) {
      assert.ok(['bytes', 'count', 'flag', 'choice'].includes(setting.kind));
    }
  }
});

for (const program of programs) {
  test(`run: ${program.name} gives alloc-sim run --json's report on every strategy`, () => {
    for (const strategy of strategies) {
      const expected = JSON.parse(cli(['run', '-', '--json', '-s', strategy], program.text));
      const got = allocscope.run(program.text, { strategy });
      assert.deepEqual(got, expected, `${program.name} on ${strategy}`);
    }
  });
}

test('run: a heap, an address, a target, a setting and a step, as the flags give them', () => {
  const program = programs.find((p) => p.name === 'scenarios/vec_growth.rs').text;
  const expected = JSON.parse(cli(
    ['run', '-', '--json', '-s', 'implicit-list', '--heap', '2KiB', '--base', '0x4000',
      '--target', '32', '--placement', 'best', '--step', '3'],
    program,
  ));
  const got = allocscope.run(program, {
    strategy: 'implicit-list', heap: '2KiB', base: 0x4000, target: 32,
    settings: { placement: 'best' }, step: 3,
  });
  assert.deepEqual(got, expected);
  assert.equal(got.outcome.kind, 'stopped');
});

for (const trace of traces) {
  test(`replay: ${trace.name} gives alloc-sim ops --json's report on every strategy`, () => {
    for (const strategy of strategies) {
      const expected = JSON.parse(cli(['ops', '-', '--json', '-s', strategy], trace.text));
      assert.deepEqual(allocscope.replay(trace.text, { strategy }), expected, strategy);
    }
  });
}

test('replay through a program\'s own allocator gives alloc-sim ops --allocator\'s report', () => {
  const trace = traces[0];
  for (const program of files('allocators', '.rs')) {
    const path = join(EXAMPLES, program.name);
    const expected = JSON.parse(cli(['ops', '-', '--json', '--allocator', path], trace.text));
    const got = allocscope.replay(trace.text, { allocator: program.text });
    assert.deepEqual(got, expected, program.name);
    // Its code ran every call (a wrapper of `System` runs the strategy).
    assert.ok(got.steps.total > 0, program.name);
  }
});

test('sizeClasses gives alloc-sim classes\' table', () => {
  for (const strategy of strategies) {
    const csv = cli(['classes', strategy, '--max', '600']).trim().split('\n').slice(1);
    const rows = allocscope.sizeClasses(strategy, { max: 600 });
    assert.deepEqual(rows.map((r) => `${r.request},${r.usable}`), csv, strategy);
  }
});

test('options are read as JSON.stringify writes them', () => {
  const program = programs.find((p) => p.name === 'scenarios/vec_growth.rs').text;
  const plain = allocscope.run(program, { strategy: 'bump', heap: 4096, step: 2 });
  // A key whose value is undefined or a function is no key at all.
  assert.deepEqual(
    allocscope.run(program, { strategy: 'bump', heap: 4096, step: 2, base: undefined, f() {} }),
    plain,
  );
  // An options object built by a class, or with no prototype, is a plain one.
  const bare = Object.assign(Object.create(null), { strategy: 'bump', heap: 4096, step: 2 });
  assert.deepEqual(allocscope.run(program, bare), plain);
  // A number that is not a whole one is refused as JSON's float is.
  assert.throws(() => allocscope.run(program, { step: 2.5 }), /^Error: step: expected a number of calls, found 2.5$/);
  assert.throws(() => allocscope.run(program, { step: -1 }), /^Error: step: expected a number of calls, found -1$/);
  // NaN is JSON's null: the option's default.
  assert.deepEqual(allocscope.run(program, { strategy: 'bump', heap: 4096, step: 2, base: NaN }), plain);
  // What JSON.stringify throws on is not a plain object.
  const cycle = { strategy: 'bump' };
  cycle.settings = cycle;
  for (const bad of [cycle, { step: 10n }, () => 1]) {
    assert.throws(() => allocscope.run(program, bad), /^Error: options: not a plain object$/);
  }
  // An array where an object is wanted is named as one.
  assert.throws(() => allocscope.run(program, ['bump']), /^Error: options: /);
});

test('a refused option or trace throws an error that says what and where', () => {
  assert.throws(() => allocscope.run('fn main() {}', { strategy: 'worst-fit' }),
    /unknown strategy `worst-fit`; choose one of: /);
  assert.throws(() => allocscope.run('fn main() {}', { heap: 10 }), /^Error: heap: /);
  assert.throws(() => allocscope.run('fn main() {}', { stategy: 'bump' }), /unknown option `stategy`/);
  assert.throws(() => allocscope.replay('a 0 16\nx 1\n'), /trace:2:/);
  // A program that does not compile is a finished run, as on the command line.
  const report = allocscope.run('fn main() { let n: u32 = "s"; }');
  assert.equal(report.outcome.kind, 'error');
  assert.equal(report.outcome.line, 1);
});
