import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/args.js';
import { SyncError } from '../../../src/errors.js';

describe('parseCliArgs', () => {
  it('reads the command, paths and every flag', () => {
    expect(
      parseCliArgs([
        'push',
        'docs/a.md',
        'docs/guide/',
        '--config',
        'c.yml',
        '--profile',
        'prod',
        '--dry-run',
        '--json',
        '--strategy',
        'merge',
        '--verbose',
      ]),
    ).toEqual({
      command: 'push',
      paths: ['docs/a.md', 'docs/guide/'],
      config: 'c.yml',
      profile: 'prod',
      dryRun: true,
      json: true,
      strategy: 'merge',
      verbose: true,
      allowMassDelete: false,
      help: false,
      version: false,
    });
  });

  it('accepts short flags and no command with --help/--version', () => {
    expect(parseCliArgs(['-h']).help).toBe(true);
    expect(parseCliArgs(['-V']).version).toBe(true);
    expect(parseCliArgs(['sync', '-n', '-s', 'local-first'])).toMatchObject({
      command: 'sync',
      dryRun: true,
      strategy: 'local-first',
    });
  });

  it('refuses unknown commands, flags and strategies with CS-020 and a hint', () => {
    for (const argv of [['publish'], ['push', '--force'], ['pull', '--strategy', 'newest']]) {
      let error: unknown;
      try {
        parseCliArgs(argv);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).code).toBe('CS-020');
      expect((error as SyncError).hint).toBeTruthy();
    }
    expect(() => parseCliArgs(['publish'])).toThrow('Unknown command "publish"');
    expect(() => parseCliArgs(['pull', '--strategy', 'newest'])).toThrow('Unknown --strategy "newest"');
  });
});
