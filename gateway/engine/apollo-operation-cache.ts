/**
 * @apollo/gateway turns the GraphQL document into federation-internals' `Operation` on
 * every execution (`executeQueryPlan` → `operationFromDocument`), although Apollo Server
 * hands it the same parsed document, from its document cache, for the same query: about
 * 4% of the gateway's CPU per dashboard request (BENCHMARKS.md, issue 13). This keeps the
 * result per parsed operation.
 *
 * How: `executeQueryPlan` reads `operationFromDocument` through the package index, whose
 * re-export is a getter over `dist/operations`' exports, so replacing that export once
 * reaches every caller. The replacement caches only executeQueryPlan's call (one operation,
 * `validate: false`; the planner's own call on a plan-cache miss builds as before), and
 * answers from the cache only when the same API schema object gets the very same
 * operation node and fragment nodes under the same operation name; anything else (another
 * query, a schema update, a document parsed anew) builds as before. `Operation` is
 * immutable once built (its methods return new ones), so concurrent requests may share
 * one. Entries live as long as the parsed document does (WeakMap), so the cache is
 * bounded by Apollo Server's document cache.
 *
 * The exact versions are pinned in package.json; `installOperationCache` refuses to run
 * if the module no longer has the shape relied on, and a test checks the cache is hit.
 */
import type { DefinitionNode, DocumentNode, OperationDefinitionNode } from 'graphql';
import { Kind } from 'graphql';

type OperationFromDocument = (
  schema: object,
  document: DocumentNode,
  options?: { operationName?: string; validate?: boolean },
) => unknown;

interface Cached {
  others: readonly DefinitionNode[];
  operationName: string | undefined;
  operation: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module whose export is replaced
const operations = require('@apollo/federation-internals/dist/operations') as {
  operationFromDocument: OperationFromDocument & { cached?: true };
};

export const operationCacheStats = { hits: 0, misses: 0 };

const sameNodes = (a: readonly DefinitionNode[], b: readonly DefinitionNode[]) =>
  a.length === b.length && a.every((node, i) => node === b[i]);

/** Idempotent: installs the cached `operationFromDocument` once per process. */
export function installOperationCache(): void {
  const original = operations.operationFromDocument;
  if (typeof original !== 'function')
    throw new Error(
      '@apollo/federation-internals no longer exports operationFromDocument from dist/operations',
    );
  if (original.cached) return;
  const bySchema = new WeakMap<object, WeakMap<OperationDefinitionNode, Cached>>();
  const cachedFromDocument: OperationFromDocument & { cached: true } = Object.assign(
    (schema: object, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => {
      const ops = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      // One operation, unvalidated, as executeQueryPlan passes it; the rest is left as it was.
      const [node] = ops;
      if (!node || ops.length !== 1 || options?.validate !== false)
        return original(schema, document, options);
      const others = document.definitions.filter((d) => d !== node);
      let forSchema = bySchema.get(schema);
      const hit = forSchema?.get(node);
      if (hit && hit.operationName === options.operationName && sameNodes(hit.others, others)) {
        operationCacheStats.hits++;
        return hit.operation;
      }
      operationCacheStats.misses++;
      const operation = original(schema, document, options);
      if (!forSchema) bySchema.set(schema, (forSchema = new WeakMap()));
      forSchema.set(node, {
        others,
        operationName: options.operationName,
        operation,
      });
      return operation;
    },
    { cached: true as const },
  );
  operations.operationFromDocument = cachedFromDocument;
}
