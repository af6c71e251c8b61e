/**
 * The AES-256-GCM payload codec and its keys from config: round trip, tamper detection, key rotation,
 * and clear errors for a missing or badly configured key. Payloads are a seed contract, as the contract
 * workflow's input would be.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ConfigError, loadConfig } from '../../platform/config';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadEncryptionError,
  parsePayloadKeys,
  type PayloadKeyring,
} from '../../platform/payload-codec';

const seed = JSON.parse(readFileSync(join(__dirname, '../../contracts/XJJCF2400252EGN00.json'), 'utf8')) as {
  contractNo: string;
  parties: { customer: { name: string } };
  contacts: Array<{ phone?: string }>;
};
const phone = seed.contacts.find((c) => c.phone)!.phone!;

const newKey = () => randomBytes(32).toString('base64');
const k1 = newKey();
const k2 = newKey();

function keyring(keys: string, current?: string): PayloadKeyring {
  const parsed = parsePayloadKeys(keys, current);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.keyring;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const contractPayload = () => defaultPayloadConverter.toPayload(seed);

describe('AesGcmPayloadCodec', () => {
  const codec = new AesGcmPayloadCodec(keyring(`k1:${k1}`));

  test('encrypts a contract so neither its number nor its personal data is readable, and decrypts it back', async () => {
    const original = contractPayload();
    const [sealed] = await codec.encode([original]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('k1');
    const bytes = text(sealed!.data);
    for (const secret of [seed.contractNo, seed.parties.customer.name, phone, 'json/plain']) {
      expect(bytes).not.toContain(secret);
    }
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(seed);
  });

  test('a fresh IV per payload: the same contract encrypts to different bytes each time', async () => {
    const [a, b] = await codec.encode([contractPayload(), contractPayload()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  test('an altered byte fails authentication with a clear error', async () => {
    const [sealed] = await codec.encode([contractPayload()]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 0xff;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow(
      new PayloadEncryptionError(
        'encrypted payload (key id k1) failed authentication: it was altered or the key is wrong',
      ),
    );
  });

  test('relabelling a payload with another configured key id is detected', async () => {
    const both = new AesGcmPayloadCodec(keyring(`k1:${k1},k2:${k2}`));
    const [sealed] = await both.encode([contractPayload()]);
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(/key id k2\) failed authentication/);
  });

  test('a truncated payload and one without a key id are refused', async () => {
    const [sealed] = await codec.encode([contractPayload()]);
    await expect(codec.decode([{ ...sealed!, data: sealed!.data!.subarray(0, 10) }])).rejects.toThrow(
      /too short/,
    );
    const unlabelled = { ...sealed!, metadata: { encoding: sealed!.metadata!.encoding! } };
    await expect(codec.decode([unlabelled])).rejects.toThrow(/has no encryption-key-id metadata/);
  });

  test('payloads written before encryption was switched on pass through', async () => {
    const plain: Payload = contractPayload();
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});

describe('key rotation', () => {
  test('after the current key id changes, new payloads use the new key and old ones still decrypt', async () => {
    const before = new AesGcmPayloadCodec(keyring(`k1:${k1}`));
    const [old] = await before.encode([contractPayload()]);
    const after = new AesGcmPayloadCodec(keyring(`k1:${k1},k2:${k2}`, 'k2'));
    const [fresh] = await after.encode([contractPayload()]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('k2');
    const decoded = await after.decode([old!, fresh!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([seed, seed]);
  });

  test('a payload whose key was removed fails naming the key id and the variable', async () => {
    const [old] = await new AesGcmPayloadCodec(keyring(`k1:${k1}`)).encode([contractPayload()]);
    const withoutK1 = new AesGcmPayloadCodec(keyring(`k2:${k2}`));
    await expect(withoutK1.decode([old!])).rejects.toThrow(
      'payload was encrypted with key id k1, which is not in PAYLOAD_ENCRYPTION_KEYS (configured: k2)',
    );
  });

  test('the same id with a different key is a wrong key, detected', async () => {
    const [old] = await new AesGcmPayloadCodec(keyring(`k1:${k1}`)).encode([contractPayload()]);
    await expect(new AesGcmPayloadCodec(keyring(`k1:${k2}`)).decode([old!])).rejects.toThrow(
      /failed authentication/,
    );
  });
});

describe('PAYLOAD_ENCRYPTION_KEYS / PAYLOAD_ENCRYPTION_KEY_ID in config', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  test('unset: encryption off; set: the current key defaults to the first', () => {
    expect(loadConfig({}).temporal.payloadEncryption).toBeUndefined();
    const ring = loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `2025-01:${k1},2024-07:${k2}` }).temporal
      .payloadEncryption!;
    expect(ring.currentKeyId).toBe('2025-01');
    expect(ring.keyIds).toEqual(['2025-01', '2024-07']);
  });

  test.each([
    {
      env: { PAYLOAD_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString('base64')}` },
      problem: 'PAYLOAD_ENCRYPTION_KEYS entry 1 (k1): must be 32 bytes in base64 (openssl rand -base64 32)',
    },
    {
      env: { PAYLOAD_ENCRYPTION_KEYS: `k1:${k1},not base64!` },
      problem:
        'PAYLOAD_ENCRYPTION_KEYS entry 2: must be <key id>:<base64 key>, the id 1-64 letters, digits, dots, dashes or underscores',
    },
    {
      env: { PAYLOAD_ENCRYPTION_KEYS: `k1:${k1},k1:${k2}` },
      problem: 'PAYLOAD_ENCRYPTION_KEYS entry 2 (k1): key id used twice',
    },
    {
      env: { PAYLOAD_ENCRYPTION_KEYS: `k1:${k1}`, PAYLOAD_ENCRYPTION_KEY_ID: 'k9' },
      problem: 'PAYLOAD_ENCRYPTION_KEY_ID: must be one of the ids in PAYLOAD_ENCRYPTION_KEYS (k1)',
    },
    {
      env: { PAYLOAD_ENCRYPTION_KEY_ID: 'k1' },
      problem: 'PAYLOAD_ENCRYPTION_KEY_ID: needs PAYLOAD_ENCRYPTION_KEYS',
    },
  ])('refused with "$problem"', ({ env, problem }) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  test('no error message and no serialisation of the config shows key material', () => {
    const short = randomBytes(16).toString('base64');
    const message = problemsOf({ PAYLOAD_ENCRYPTION_KEYS: `k1:${short}` }).join();
    expect(message).not.toContain(short);
    const config = loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `k1:${k1}` });
    const json = JSON.stringify(config);
    expect(json).toContain('"payloadEncryption":{"currentKeyId":"k1","keyIds":["k1"]}');
    expect(json).not.toContain(k1);
    expect(json).not.toContain(Buffer.from(k1, 'base64').toString('hex'));
  });
});
