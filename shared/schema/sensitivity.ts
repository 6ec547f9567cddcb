/**
 * `@sensitive(class: …)`, read in one place. The subgraph schemas mark fields with it; a
 * silo guards the fields it marks (shared/silo/subgraph.ts), and the gateway decides them
 * from the supergraph, where @composeDirective keeps it (gateway/enforcement/sensitivity.ts).
 * One reading, so the two sides cannot disagree on what a field is.
 */
import { Kind } from 'graphql';
import type { ConstDirectiveNode } from 'graphql';
import type { SensitivityClass } from '../domain';
import { isSensitivityClass } from '../domain';

/**
 * The class a field's directives mark it with, or null when unmarked. A @sensitive
 * without a known class throws (`where` names the field): a typo must not unmark a field.
 */
export function sensitivityOf(
  directives: readonly ConstDirectiveNode[] | undefined,
  where: string,
): SensitivityClass | null {
  const directive = directives?.find((d) => d.name.value === 'sensitive');
  if (!directive) return null;
  const arg = directive.arguments?.find((a) => a.name.value === 'class')?.value;
  const cls = arg?.kind === Kind.ENUM ? arg.value : null;
  if (!isSensitivityClass(cls)) throw new Error(`${where}: bad @sensitive class`);
  return cls;
}
