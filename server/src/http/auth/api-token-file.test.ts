import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN_FILE, loadOrCreateApiToken } from './api-token-file';

describe('loadOrCreateApiToken', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'veloz-token-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 0600 file with a 43-character token, then reads the same one back', () => {
    const data = join(dir, 'data');
    const first = loadOrCreateApiToken(data);
    expect(first).toMatchObject({ ok: true, created: true });
    if (!first.ok) return;
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(readFileSync(first.path, 'utf8')).toBe(`${first.token}\n`);
    const again = loadOrCreateApiToken(data);
    expect(again).toEqual({ ok: true, token: first.token, path: first.path, created: false });
  });

  it('refuses a file others can read', () => {
    const path = join(dir, API_TOKEN_FILE);
    writeFileSync(path, 'x'.repeat(43));
    chmodSync(path, 0o644);
    const res = loadOrCreateApiToken(dir);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toContain('chmod 600');
  });

  it('refuses a short token without quoting it', () => {
    const path = join(dir, API_TOKEN_FILE);
    writeFileSync(path, 'short\n', { mode: 0o600 });
    const res = loadOrCreateApiToken(dir);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).not.toContain('short\n');
  });
});
