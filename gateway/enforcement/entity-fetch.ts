/**
 * Reads a silo fetch the query planner made: which record field of Person it asks for,
 * and where, inside it, the fields of each sensitivity class sit. Any other shape is
 * refused: a silo is only ever asked for Person entities.
 */
import { Kind, parse } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import type { SensitivityClass } from '../../shared/domain';
import type { SchemaIndex } from './sensitivity';

export interface SensitivePath {
  cls: SensitivityClass;
  /** Response keys below the record field, e.g. ['taxStatus']. */
  path: string[];
}

export interface RecordSelection {
  /** The key of the record in each entity of the response (alias or field name). */
  responseKey: string;
  sensitive: SensitivePath[];
}

export interface EntityFetchPlan {
  records: RecordSelection[];
  /** Every class the fetch reads: GENERAL, plus those of the sensitive fields selected. */
  classes: SensitivityClass[];
}

export class UnexpectedFetchError extends Error {}

function selections(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  typeName: string,
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (sel.typeCondition && sel.typeCondition.name.value !== typeName) continue;
      out.push(...selections(sel.selectionSet, fragments, typeName));
    } else {
      const frag = fragments.get(sel.name.value);
      if (!frag) throw new UnexpectedFetchError(`unknown fragment ${sel.name.value}`);
      if (frag.typeCondition.name.value === typeName)
        out.push(...selections(frag.selectionSet, fragments, typeName));
    }
  }
  return out;
}

function sensitiveBelow(
  index: SchemaIndex,
  typeName: string,
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  prefix: string[],
  out: SensitivePath[],
): void {
  if (!set) return;
  const fields = index.get(typeName);
  for (const sel of selections(set, fragments, typeName)) {
    const name = sel.name.value;
    if (name === '__typename') continue;
    const info = fields?.get(name);
    if (!info) throw new UnexpectedFetchError(`unknown field ${typeName}.${name}`);
    const path = [...prefix, sel.alias?.value ?? name];
    if (info.sensitivity) out.push({ cls: info.sensitivity, path });
    sensitiveBelow(index, info.type, sel.selectionSet, fragments, path, out);
  }
}

export function analyseEntityFetch(
  query: string,
  index: SchemaIndex,
  recordFields: readonly string[],
): EntityFetchPlan {
  const doc = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops[0];
  if (ops.length !== 1 || !op || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'query')
    throw new UnexpectedFetchError('a silo fetch must be one query');
  const root = op.selectionSet.selections;
  const entities = root[0];
  if (root.length !== 1 || !entities || entities.kind !== Kind.FIELD || entities.name.value !== '_entities')
    throw new UnexpectedFetchError('a silo fetch must be an _entities fetch');

  const records: RecordSelection[] = [];
  const classes = new Set<SensitivityClass>(['GENERAL']);
  for (const sel of selections(entities.selectionSet as SelectionSetNode, fragments, 'Person')) {
    const name = sel.name.value;
    if (name === '__typename' || name === 'id') continue;
    if (!recordFields.includes(name)) throw new UnexpectedFetchError(`unexpected field Person.${name}`);
    const type = index.get('Person')?.get(name)?.type;
    if (!type) throw new UnexpectedFetchError(`unknown field Person.${name}`);
    const sensitive: SensitivePath[] = [];
    sensitiveBelow(index, type, sel.selectionSet, fragments, [], sensitive);
    for (const s of sensitive) classes.add(s.cls);
    records.push({ responseKey: sel.alias?.value ?? name, sensitive });
  }
  return { records, classes: [...classes] };
}
