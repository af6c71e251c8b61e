/** API keys: minted with 256 random bits, stored as sha256 only, verified in constant time. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, keyIdOf, keyStoreOf, sha256Hex, verifyApiKey } from '../../../clients/api/keys';
import { loadKeyRegistry, mergeApiKeyRecords, parseApiKeyRecords } from '../../../platform/key-registry';
import { ConfigError, loadConfig } from '../../../platform/config';

describe('generateApiKey', () => {
  test('the key names its id, carries 32 random bytes, and the record holds only its sha256', () => {
    const { key, record } = generateApiKey('crm-east', 'sales');
    expect(key).toMatch(/^tco_crm-east_[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({ id: 'crm-east', role: 'sales', sha256: sha256Hex(key) });
    expect(JSON.stringify(record)).not.toContain(key.slice('tco_crm-east_'.length));
    expect(generateApiKey('crm-east', 'sales').key).not.toBe(key);
  });

  test('an id with an underscore (the separator) or upper case is refused', () => {
    expect(() => generateApiKey('crm_east', 'sales')).toThrow(/no underscore/);
    expect(() => generateApiKey('CRM', 'sales')).toThrow(/lower-case/);
  });
});

describe('verifyApiKey', () => {
  const sales = generateApiKey('crm', 'sales');
  const revoked = generateApiKey('old', 'engineer');
  const store = keyStoreOf([sales.record, { ...revoked.record, revoked: true }]);

  test('the right key finds its record', () => {
    expect(verifyApiKey(sales.key, store)).toEqual({ ok: true, record: sales.record });
  });

  test.each([
    ['malformed', 'Bearer-nonsense', undefined],
    ['unknown', sales.key.replace('tco_crm_', 'tco_nobody_'), 'nobody'],
    ['mismatch', `${sales.key}x`, 'crm'],
    ['revoked', revoked.key, 'old'],
  ])('%s key refused', (reason, key, keyId) => {
    expect(verifyApiKey(key, store)).toEqual({ ok: false, reason, ...(keyId ? { keyId } : {}) });
  });

  test('the id is read from the key, secrets may contain the separator', () => {
    expect(keyIdOf('tco_crm_ab_cd')).toBe('crm');
    expect(keyIdOf('tco_crm_')).toBeUndefined();
    expect(keyIdOf('xyz_crm_abc')).toBeUndefined();
  });
});

describe('the key registry (read by the API process alone)', () => {
  const { record } = generateApiKey('crm', 'sales');

  test('API_KEYS inline and API_KEYS_FILE are merged', () => {
    const other = generateApiKey('ops', 'admin').record;
    const dir = mkdtempSync(join(tmpdir(), 'api-keys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([other]));
    try {
      expect(loadKeyRegistry({ API_KEYS: JSON.stringify([record]), API_KEYS_FILE: file })).toEqual([
        record,
        other,
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('bad records fail at start-up naming the variable, the record, the field and the rule', () => {
    const bad = [
      { ...record, role: 'boss' },
      { id: 'x', role: 'sales', sha256: 'abc', key: 'secret' },
    ];
    expect(() => loadKeyRegistry({ API_KEYS: JSON.stringify(bad) })).toThrow(ConfigError);
    const parsed = parseApiKeyRecords(JSON.stringify(bad), 'API_KEYS');
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'API_KEYS[0].role: must be one of sales, engineer, billing, admin, compliance',
      "API_KEYS[1].sha256: must be the 64 hex digits of the key's sha256",
      'API_KEYS[1]: unknown field(s) key',
    ]);
    expect(() => loadKeyRegistry({ API_KEYS: '{not json' })).toThrow(
      /API_KEYS: must be a JSON array of key records/,
    );
    expect(() => loadKeyRegistry({ API_KEYS_FILE: '/nonexistent/keys.json' })).toThrow(
      /API_KEYS_FILE: cannot read \/nonexistent\/keys.json \(ENOENT\)/,
    );
  });

  test('one id may appear once', () => {
    expect(mergeApiKeyRecords([[record], [record]]).problems).toEqual([
      "API_KEYS/API_KEYS_FILE: key id 'crm' appears more than once",
    ]);
  });
});

test('other processes never read the key registry: a broken API_KEYS does not stop a worker', () => {
  expect(() => loadConfig({ API_KEYS: '{not json', API_KEYS_FILE: '/nonexistent' })).not.toThrow();
});
