/**
 * The last module of `preloadModules` (workers/workflow-bundle.ts): freezes what the modules preloaded
 * before it export, except zod schemas and regular expressions, so the SDK's own deep freeze of shared
 * modules stops at our frozen objects instead of reaching into those two.
 *
 * Why not let the SDK freeze everything: a preloaded module is evaluated once and shared by every
 * workflow in the reusable V8 context, and the SDK then calls `Object.freeze` recursively on its exports.
 * zod 4 cannot work frozen: a schema memoizes derived internals on first use (`optin`, `values`, `shape`:
 * "Cannot define property optional, object is not extensible"), and every pattern check resets
 * `pattern.lastIndex = 0` before testing, which throws on a frozen RegExp. Both are writes of values that
 * depend only on the schema, so sharing them between workflows cannot leak one contract's data into
 * another's or change a replay. Everything else stays frozen as the SDK intends (plain objects, arrays,
 * functions); the SDK skips an object that is already frozen (reusable-vm.js, deepFreeze).
 *
 * Runs only inside the workflow bundle (webpack provides the module table); a no-op elsewhere.
 */
declare const __webpack_modules__: Record<string, unknown> | undefined;

interface SharedModule {
  exports?: unknown;
}

const isZodSchema = (value: object): boolean => Object.prototype.hasOwnProperty.call(value, '_zod');
// instanceof, not Object.prototype.toString: that reads Symbol.toStringTag, which an activity proxy
// (proxyActivities) refuses. Bundle code and its RegExps share the workflow context's realm.
const isRegExp = (value: object): boolean => value instanceof RegExp;

/** Freezes `value` and what it holds, leaving zod schemas and RegExps (and what they hold) writable. */
export function freezeSharedValue(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value) || isZodSchema(value) || isRegExp(value)) return;
  seen.add(value);
  // Like the SDK: a function is frozen but what hangs off it (its prototype) is not walked.
  if (typeof value === 'object') {
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // Module namespaces export through getters: follow them, as the SDK's freeze does.
      let held: unknown;
      try {
        held = descriptor && ('value' in descriptor ? descriptor.value : descriptor.get?.call(value));
      } catch {
        continue; // a getter that cannot answer yet holds nothing to freeze
      }
      freezeSharedValue(held, seen);
    }
  }
  Object.freeze(value);
}

/** Module ids the SDK would deep-freeze and we freeze instead: not the SDK's own modules. */
const ours = (id: string): boolean => !id.includes('@temporalio');

function freezePreloadedModules(): void {
  if (typeof __webpack_modules__ === 'undefined') return;
  // `require.cache` is the module cache the SDK routes to its shared table while no workflow runs, so
  // it answers for the preloaded modules only.
  const cache = require.cache as unknown as Record<string, SharedModule | undefined>;
  for (const id of Object.keys(__webpack_modules__)) {
    if (!ours(id)) continue;
    const module = cache[id];
    if (module !== undefined) freezeSharedValue(module.exports);
  }
}

freezePreloadedModules();
