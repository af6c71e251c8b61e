/**
 * Encryption of Temporal payloads (workflow inputs, results, signals, updates, queries, activity
 * arguments, failure details): contracts carry contact names, phone numbers and addresses, and
 * Temporal history is kept for the retention period and shown in the UI, so what reaches the server is
 * AES-256-GCM ciphertext. Only processes holding the keys (workers, API, intake, CLI, the codec server
 * for the UI) can read it.
 *
 * Wire format of one encrypted payload: metadata `encoding: binary/encrypted` and
 * `encryption-key-id: <id>`; data = 12-byte random IV ‖ ciphertext ‖ 16-byte GCM tag, where the plain
 * text is the whole original Payload (its metadata included) serialised as protobuf. The key id is the
 * additional authenticated data, so a payload cannot be relabelled to another key.
 *
 * Rotation: new payloads use the current key; any configured key decrypts, so old keys stay in the
 * keyring until every history that used them is past retention.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Logger } from './logger';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

const ProtoPayload = temporal.api.common.v1.Payload;
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

export class PayloadEncryptionError extends Error {
  override name = 'PayloadEncryptionError';
}

/** The configured keys; serialises (logs, JSON) as key ids only, never key material. */
export class PayloadKeyring {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    readonly currentKeyId: string,
    keys: ReadonlyMap<string, Buffer>,
  ) {
    for (const [id, key] of keys) {
      if (key.length !== KEY_BYTES) {
        throw new PayloadEncryptionError(`key ${id} must be ${KEY_BYTES} bytes, got ${key.length}`);
      }
    }
    if (!keys.has(currentKeyId)) {
      throw new PayloadEncryptionError(`current key id ${currentKeyId} is not among the keys`);
    }
    this.keys = keys;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }
}

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  // async so that a refused payload rejects the promise rather than throwing at the call.
  // eslint-disable-next-line @typescript-eslint/require-await
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.decrypt(p));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.key(keyId)!, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const plain = ProtoPayload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
      data: new Uint8Array(sealed),
    };
  }

  /** Payloads written before encryption was switched on pass through unchanged. */
  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new PayloadEncryptionError(`encrypted payload has no ${KEY_ID_METADATA} metadata`);
    const key = this.keyring.key(keyId);
    if (!key) {
      throw new PayloadEncryptionError(
        `payload was encrypted with key id ${keyId}, which is not in PAYLOAD_ENCRYPTION_KEYS (configured: ${this.keyring.keyIds.join(', ')})`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadEncryptionError(`encrypted payload (key id ${keyId}) is too short to be valid`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadEncryptionError(
        `encrypted payload (key id ${keyId}) failed authentication: it was altered or the key is wrong`,
      );
    }
    const original = ProtoPayload.decode(plain);
    return { metadata: original.metadata, data: original.data };
  }
}

/** The data converter every client and worker of the project uses (undefined: the SDK default). */
export function payloadDataConverter(keyring: PayloadKeyring | undefined): DataConverter | undefined {
  return keyring ? { payloadCodecs: [new AesGcmPayloadCodec(keyring)] } : undefined;
}

/** One start-up line saying whether Temporal payloads are encrypted, and with which key ids. */
export function logPayloadEncryption(logger: Logger, keyring: PayloadKeyring | undefined): void {
  if (keyring) logger.info({ payloadEncryption: keyring }, 'Temporal payload encryption on');
  else
    logger.warn(
      { payloadEncryption: false },
      'Temporal payload encryption OFF (PAYLOAD_ENCRYPTION_KEYS unset): contract data is stored in clear in Temporal history; set it anywhere but local development',
    );
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads PAYLOAD_ENCRYPTION_KEYS (`id:base64key[,id:base64key…]`, each key 32 random bytes, e.g.
 * `openssl rand -base64 32`) and PAYLOAD_ENCRYPTION_KEY_ID (the key new payloads use; default the
 * first). Problems name the variable and the rule, never the key material.
 */
export function parsePayloadKeys(
  keysVar: string,
  currentIdVar: string | undefined,
): { ok: true; keyring: PayloadKeyring } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  for (const [index, entry] of keysVar.split(',').entries()) {
    const where = `PAYLOAD_ENCRYPTION_KEYS entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(colon, 0)).trim();
    const material = entry.slice(colon + 1).trim();
    if (colon < 0 || !KEY_ID.test(id)) {
      problems.push(
        `${where}: must be <key id>:<base64 key>, the id 1-64 letters, digits, dots, dashes or underscores`,
      );
      continue;
    }
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : undefined;
    if (!key || key.length !== KEY_BYTES) {
      problems.push(`${where} (${id}): must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
    } else if (keys.has(id)) {
      problems.push(`${where} (${id}): key id used twice`);
    } else {
      keys.set(id, key);
    }
  }
  const currentKeyId = currentIdVar ?? keys.keys().next().value;
  if (problems.length === 0 && (currentKeyId === undefined || !keys.has(currentKeyId))) {
    problems.push(
      `PAYLOAD_ENCRYPTION_KEY_ID: must be one of the ids in PAYLOAD_ENCRYPTION_KEYS (${[...keys.keys()].join(', ')})`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, keyring: new PayloadKeyring(currentKeyId!, keys) };
}
