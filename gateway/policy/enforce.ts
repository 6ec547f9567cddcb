/**
 * The gateway's enforcement for one silo fetch: decide every (person, class) the fetch
 * would read before it is sent (the grants travel, signed, to the silo), then hold the
 * response to the same grants, so a silo that answered more than it was allowed still
 * discloses nothing.
 */
import type { GraphQLFormattedError } from 'graphql';
import { decide } from '../../shared/access/decide';
import type { WithheldCode } from '../../shared/access/decide';
import { WITHHELD_MESSAGES } from '../../shared/access/errors';
import type { PersonFacts } from '../../shared/access/facts';
import type { Grants } from '../../shared/auth/gateway-credential';
import type { WelfareField } from '../../shared/domain';
import type { GatewayContext } from '../context';
import { recordDecision } from '../context';
import type { EntityFetchPlan } from './entity-fetch';

export async function decideSiloFetch(
  ctx: GatewayContext,
  field: WelfareField,
  personIds: readonly string[],
  plan: EntityFetchPlan,
): Promise<Grants> {
  // An agency reading its own field needs no facts (rule 3) unless an address is asked
  // for (rule 2 comes first); so own-field reads work even when the 重層 subgraph is down.
  const ownField = ctx.principal.agency.field === field;
  const needFacts = !ownField || plan.classes.includes('ADDRESS');
  const facts: Map<string, PersonFacts | null> = needFacts
    ? await ctx.facts.load([...new Set(personIds)])
    : new Map();
  const grants: Grants = {};
  for (const personId of personIds) {
    const verdicts: Grants[string] = (grants[personId] ??= {});
    // GENERAL first: when the record itself is withheld, nothing inside it is read.
    for (const cls of plan.classes) {
      if (cls !== 'GENERAL' && verdicts.GENERAL !== 'ALLOW') continue;
      const d = decide({
        principal: ctx.principal,
        meetingId: ctx.meetingId,
        meeting: ctx.meetingId === null ? null : ctx.facts.meeting,
        person: facts.get(personId) ?? null,
        personId,
        field,
        cls,
        now: ctx.now,
      });
      verdicts[cls] = d.effect === 'ALLOW' ? 'ALLOW' : d.code;
      recordDecision(ctx, {
        personId,
        field,
        cls,
        subjectId: null,
        decision: d.effect === 'ALLOW' ? 'DISCLOSED' : 'WITHHELD',
        basis: d.effect === 'ALLOW' ? d.basis : null,
        consentId: d.effect === 'ALLOW' ? d.consentId : null,
        code: d.effect === 'ALLOW' ? null : d.code,
      });
    }
  }
  return grants;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const samePath = (a: readonly (string | number)[] | undefined, b: Path) =>
  !!a && a.length === b.length && a.every((x, i) => x === b[i]);

class ResponseGuard {
  constructor(readonly errors: GraphQLFormattedError[]) {}

  /** One error per withheld path, whatever the silo sent for it. */
  withhold(path: Path, code: WithheldCode): void {
    const i = this.errors.findIndex((e) => samePath(e.path, path));
    const error = { message: WITHHELD_MESSAGES[code], path, extensions: { code } };
    if (i >= 0) this.errors[i] = error;
    else this.errors.push(error);
  }

  /** Nulls the value at `rest` below `node` (through lists) and records the error. */
  nullAt(node: Json, rest: string[], at: Path, code: WithheldCode): void {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => this.nullAt(item, rest, [...at, i], code));
      return;
    }
    const [key, ...more] = rest;
    if (key === undefined || !(key in node)) return;
    if (more.length === 0) {
      node[key] = null;
      this.withhold([...at, key], code);
    } else this.nullAt(node[key] ?? null, more, [...at, key], code);
  }
}

/** Holds a silo's `_entities` answer to the grants it was sent with. */
export function enforceSiloResponse(
  data: Record<string, unknown> | null | undefined,
  errors: GraphQLFormattedError[],
  personIds: readonly string[],
  plan: EntityFetchPlan,
  grants: Grants,
): void {
  const entities = data?._entities;
  if (!Array.isArray(entities)) return;
  const guard = new ResponseGuard(errors);
  entities.forEach((entity: Json, i) => {
    if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return;
    const verdicts = grants[personIds[i] as string] ?? {};
    for (const rec of plan.records) {
      const general = verdicts.GENERAL;
      if (general !== 'ALLOW') {
        entity[rec.responseKey] = null;
        guard.withhold(['_entities', i, rec.responseKey], general ?? 'FORBIDDEN');
        continue;
      }
      const record = entity[rec.responseKey];
      if (record === null || record === undefined) continue;
      for (const s of rec.sensitive) {
        const verdict = verdicts[s.cls];
        if (verdict !== 'ALLOW')
          guard.nullAt(record, s.path, ['_entities', i, rec.responseKey], verdict ?? 'FORBIDDEN');
      }
    }
  });
}
