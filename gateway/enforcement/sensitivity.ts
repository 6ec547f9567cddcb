/**
 * What the supergraph says about fields: their return types and the sensitivity class
 * each subgraph marked with `@sensitive` (kept in the supergraph by @composeDirective).
 * The gateway reads it from the supergraph it runs, so schema and policy cannot drift.
 */
import { Kind, parse } from 'graphql';
import type { TypeNode } from 'graphql';
import type { SensitivityClass } from '../../shared/domain';
import { sensitivityOf } from '../../shared/schema/sensitivity';

export interface FieldInfo {
  /** The named return type, lists and non-null unwrapped. */
  type: string;
  sensitivity: SensitivityClass | null;
}

export type SchemaIndex = Map<string, Map<string, FieldInfo>>;

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

export function indexSupergraph(supergraphSdl: string): SchemaIndex {
  const index: SchemaIndex = new Map();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const fields = index.get(def.name.value) ?? new Map<string, FieldInfo>();
    for (const field of def.fields ?? []) {
      fields.set(field.name.value, {
        type: namedType(field.type),
        sensitivity: sensitivityOf(field.directives, `${def.name.value}.${field.name.value}`),
      });
    }
    index.set(def.name.value, fields);
  }
  return index;
}
