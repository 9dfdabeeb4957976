/**
 * The command tree: help, version, usage errors and colour selection.
 */
import { defaultColor } from '../../src/cli/main';
import { cli } from './run-cli';

describe('wsksim', () => {
  it('--help lists every command and the exit codes, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'call', 'explain', 'record']) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.out).toContain('Exit status: 0 success, 1 a check failed, 2 bad input or usage.');
  });

  it.each(['run', 'call', 'explain', 'record'])('%s --help documents the exit status, exit 0', async (c) => {
    const r = await cli([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exit status: 0');
    expect(r.out).toMatch(/2 [^\n]*(bad|malformed)/);
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe((require('../../package.json') as { version: string }).version);
  });

  it('an unknown command is one line on stderr, exit 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(["error: unknown command 'frobnicate'"]);
    expect(r.out).toBe('');
  });

  it('an unknown option is one line on stderr, exit 2', async () => {
    const r = await cli(['call', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(["error: unknown option '--bogus'"]);
  });

  it('no command at all is a usage error, exit 2', async () => {
    expect((await cli([])).code).toBe(2);
  });
});

describe('defaultColor', () => {
  const saved = { tty: process.stdout.isTTY, env: process.env.NO_COLOR };
  afterEach(() => {
    process.stdout.isTTY = saved.tty;
    if (saved.env === undefined) delete process.env.NO_COLOR; else process.env.NO_COLOR = saved.env;
  });

  it('colours a TTY without NO_COLOR', () => {
    process.stdout.isTTY = true;
    delete process.env.NO_COLOR;
    expect(defaultColor()).toBe(true);
  });

  it('NO_COLOR (any non-empty value) turns colour off', () => {
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '1';
    expect(defaultColor()).toBe(false);
  });

  it('an empty NO_COLOR is ignored (no-color.org)', () => {
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '';
    expect(defaultColor()).toBe(true);
  });

  it('never colours a pipe or file', () => {
    (process.stdout as { isTTY?: boolean }).isTTY = false;
    delete process.env.NO_COLOR;
    expect(defaultColor()).toBe(false);
  });
});
