/**
 * The OpenAPI document as the server really behaves: problems are sent as application/problem+json
 * (Fastify's schema-based generator can only say application/json), and the domain's schema metadata
 * (`personalData`) becomes an `x-` extension, the only place OpenAPI allows custom keywords.
 */

const PROBLEM_CONTENT_TYPE = 'application/problem+json';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `personalData: true` (domain/spec/parties.ts) → `x-personal-data: true`, anywhere in the tree. */
function extensionsOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(extensionsOf);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k === 'personalData' ? 'x-personal-data' : k, extensionsOf(v)]),
  );
}

/** Every 4xx/5xx response's body is a problem: document it under its real media type. */
function problemMediaTypes(paths: Json): void {
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      const responses = isObject(operation) ? operation.responses : undefined;
      if (!isObject(responses)) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[45]\d\d$/.test(status) || !isObject(response) || !isObject(response.content)) continue;
        const { 'application/json': json, ...rest } = response.content;
        if (json !== undefined) response.content = { [PROBLEM_CONTENT_TYPE]: json, ...rest };
      }
    }
  }
}

/** For @fastify/swagger's transformObject: the generated document, corrected as described above. */
export function finishOpenApiDocument(document: Json): Json {
  const doc = extensionsOf(document) as Json;
  if (isObject(doc.paths)) problemMediaTypes(doc.paths);
  return doc;
}
