/**
 * Which operation names may appear as a metric label or span attribute: those of the
 * trusted manifest (the gateway registers them when it builds its trusted-documents
 * plugin; a subgraph process through register.ts), plus the gateway's own internal
 * query. Any other name is `other`: a client that names its operations freely must
 * not be able to grow the metrics without bound.
 */
const INTERNAL = ['AccessFacts'];
const known = new Set<string>(INTERNAL);

export const OTHER_OPERATION = 'other';

export function registerOperationNames(names: Iterable<string>): void {
  for (const name of names) if (/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) known.add(name);
}

/**
 * The label for an operation name. A subgraph sees the query planner's names,
 * `<operation>__<subgraph>__<n>`: it is labelled with the client's operation.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return OTHER_OPERATION;
  if (known.has(name)) return name;
  const planned = /^(.+)__[a-z]+__\d+$/.exec(name)?.[1];
  return planned && known.has(planned) ? planned : OTHER_OPERATION;
}
