/**
 * What the workflow's mutations share (consent/, case/, plan/, meeting/ mutations.ts):
 * who may act (roles.ts) and on which team, the documents behind ids, and keeping this
 * request's loaders in step with what was written.
 */
import type DataLoader from 'dataloader';
import type { JusoContext } from '../context';
import type { CaseDoc } from '../model';
import { present } from '../visibility';
import { refuse } from './errors';
import type { WorkflowAction } from './roles';
import { mayPerform, ROLE_TABLE } from './roles';

export function agencyOf(ctx: JusoContext) {
  return ctx.access.viewer.principal.agency;
}

export function allow(ctx: JusoContext, action: WorkflowAction): void {
  const role = agencyOf(ctx).role;
  if (!mayPerform(role, action))
    throw refuse(
      'FORBIDDEN_ACTION',
      `${action} is for ${ROLE_TABLE[action].join(', ')}; your agency's role is ${role}`,
    );
}

export function onTeam(ctx: JusoContext, c: CaseDoc): void {
  if (!c.team.some((t) => t.agencyId === agencyOf(ctx).id))
    throw refuse('FORBIDDEN_ACTION', `your agency has no role on the team of case ${c._id}`);
}

export function legal<S>(t: { ok: true; to: S } | { ok: false; message: string }): S {
  if (!t.ok) throw refuse('ILLEGAL_TRANSITION', t.message);
  return t.to;
}

/** The documents behind these ids, refusing the input when one does not exist. */
export async function existing<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
  what: string,
): Promise<T[]> {
  const found = await loader.loadMany([...ids]);
  const missing = ids.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length) throw refuse('BAD_USER_INPUT', `no such ${what}: ${missing.join(', ')}`);
  return present(found);
}

export const agencies = (ctx: JusoContext, ids: readonly string[]) =>
  existing(ctx.loaders.agencies, ids, 'agency');
export const people = (ctx: JusoContext, ids: readonly string[]) =>
  existing(ctx.loaders.people, ids, 'resident');

export function forgetPerson(ctx: JusoContext, personId: string): void {
  ctx.loaders.consentVersions.clear(personId);
  ctx.loaders.casesByPerson.clear(personId);
  ctx.access.personFacts.clear(personId);
}

/** Puts what was written into this request's loaders, so the response reads it. */
export function remember<T extends { _id: string }>(loader: DataLoader<string, T | null>, doc: T): T {
  loader.clear(doc._id);
  loader.prime(doc._id, doc);
  return doc;
}

// ---------------------------------------------------------------- the resolver maps

export type Resolver<A, R> = (parent: unknown, args: A, ctx: JusoContext) => Promise<R>;
export const r =
  <A, R>(fn: (ctx: JusoContext, args: A) => Promise<R>): Resolver<A, R> =>
  (_parent, args, ctx) =>
    fn(ctx, args);
