import { useState } from 'preact/hooks';
import { newIdempotencyKey } from './api';

/**
 * One Idempotency-Key per submission: a retry of the same body (an answer lost on the way back)
 * reuses it, so the contract applies it once; a changed body is a new request with a new key.
 */
export function useIdempotencyKey(): { keyFor(body: unknown): string; settled(): void } {
  const [attempt, setAttempt] = useState<{ body: string; key: string } | null>(null);
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      const key = attempt?.body === text ? attempt.key : newIdempotencyKey();
      setAttempt({ body: text, key });
      return key;
    },
    settled: () => setAttempt(null),
  };
}
