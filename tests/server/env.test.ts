import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../../src/server/env.ts';

describe('readEnv', () => {
  it('fills in the defaults', () => {
    expect(readEnv({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      STATIC_DIR: './dist',
      LOAXA_DEMO: true,
      TRUST_PROXY: false,
    });
  });

  it('reads every setting and ignores unrelated variables', () => {
    expect(
      readEnv({
        PORT: '9000',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/loaxa',
        DATABASE_URL: 'postgres://loaxa:secret@db:5432/loaxa',
        STATIC_DIR: '/srv/loaxa',
        LOAXA_DEMO: '0',
        METRICS_TOKEN: 'a-long-scrape-token',
        TRUST_PROXY: '1',
        PATH: '/usr/bin',
      }),
    ).toEqual({
      PORT: 9000,
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/loaxa',
      DATABASE_URL: 'postgres://loaxa:secret@db:5432/loaxa',
      STATIC_DIR: '/srv/loaxa',
      LOAXA_DEMO: false,
      METRICS_TOKEN: 'a-long-scrape-token',
      TRUST_PROXY: true,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(readEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 8080 });
    expect(readEnv({ DATABASE_URL: '' })).not.toHaveProperty('DATABASE_URL');
  });

  it.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOAXA_DEMO: 'maybe' }, 'LOAXA_DEMO'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ DATABASE_URL: 'mysql://db/loaxa' }, 'DATABASE_URL'],
  ])('refuses %o naming %s', (source, name) => {
    expect(() => readEnv(source)).toThrow(EnvError);
    expect(() => readEnv(source)).toThrow(new RegExp(`${name}: `));
  });
});
