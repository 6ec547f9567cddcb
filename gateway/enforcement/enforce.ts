/**
 * The gateway's enforcement for one silo fetch: decide every (person, class) the fetch
 * would read before it is sent (the grants travel, signed, to the silo), then hold the
 * response to the same grants, so a silo that answered more than it was allowed still
 * discloses nothing. A field's record classes (shared/silo/record-classes.ts) are
 * decided for every read of it: only the silo knows whether a record is of one.
 */
import type { GraphQLFormattedError } from 'graphql';
import { auditOutcome, withheldOutcome } from '../../shared/access/audit';
import { decide } from '../../shared/access/decide';
import type { WithheldCode } from '../../shared/access/decide';
import { WITHHELD_MESSAGES } from '../../shared/access/errors';
import type { PersonFacts } from '../../shared/access/facts';
import type { Grants } from '../../shared/auth/gateway-credential';
import type { SensitivityClass, WelfareField } from '../../shared/domain';
import { recordClassesOf } from '../../shared/silo/record-classes';
import type { GatewayContext } from '../context';
import { recordDecision } from '../audit/decisions';
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
  // The fetch's classes, and those that may cover the whole record whatever is selected.
  const classes = [...new Set<SensitivityClass>([...plan.classes, ...recordClassesOf(field)])];
  const grants: Grants = {};
  for (const personId of personIds) {
    const verdicts: Grants[string] = (grants[personId] ??= {});
    // GENERAL first: when the record itself is withheld, nothing inside it is read.
    for (const cls of classes) {
      if (cls !== 'GENERAL' && verdicts.GENERAL !== 'ALLOW') continue;
      const d = decide({
        principal: ctx.principal,
        meetingId: ctx.meetingId,
        meeting: ctx.meetingId === null ? null : ctx.facts.meeting,
        emergencyId: ctx.emergencyId,
        emergency: ctx.emergencyId === null ? null : ctx.facts.emergency,
        person: facts.get(personId) ?? null,
        personId,
        field,
        cls,
        now: ctx.now,
      });
      verdicts[cls] = d.effect === 'ALLOW' ? 'ALLOW' : d.code;
      recordDecision(ctx, { personId, field, cls, subjectId: null, ...auditOutcome(d) });
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

  /** One error for a record withheld whole: none below it, which would say what it held. */
  withholdWhole(path: Path, code: WithheldCode): void {
    const below = (e: GraphQLFormattedError) =>
      !!e.path && e.path.length > path.length && path.every((x, i) => e.path?.[i] === x);
    for (let i = this.errors.length - 1; i >= 0; i--)
      if (below(this.errors[i] as GraphQLFormattedError)) this.errors.splice(i, 1);
    this.withhold(path, code);
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

/** A record the answer withheld whole, under one of its field's record classes. */
export interface WithheldRecord {
  personId: string;
  cls: SensitivityClass;
  code: WithheldCode;
}

/** Whether anything non-null sits at `path` below `node` (through lists). */
function holdsValue(node: Json, path: readonly string[]): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((item) => holdsValue(item, path));
  const [key, ...more] = path;
  if (key === undefined || !(key in node)) return false;
  const value = node[key] ?? null;
  return more.length === 0 ? value !== null : holdsValue(value, more);
}

/**
 * Holds a silo's `_entities` answer to the grants it was sent with. Returns the records
 * withheld whole under a record class, so the audit can say they were not disclosed.
 */
export function enforceSiloResponse(
  data: Record<string, unknown> | null | undefined,
  errors: GraphQLFormattedError[],
  field: WelfareField,
  personIds: readonly string[],
  plan: EntityFetchPlan,
  grants: Grants,
): WithheldRecord[] {
  const withheldRecords: WithheldRecord[] = [];
  const entities = data?._entities;
  if (!Array.isArray(entities)) return withheldRecords;
  const guard = new ResponseGuard(errors);
  entities.forEach((entity: Json, i) => {
    if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return;
    const personId = personIds[i] as string;
    const verdicts = grants[personId] ?? {};
    records: for (const rec of plan.records) {
      const general = verdicts.GENERAL;
      const at: Path = ['_entities', i, rec.responseKey];
      if (general !== 'ALLOW') {
        entity[rec.responseKey] = null;
        guard.withhold(at, general ?? 'FORBIDDEN');
        continue;
      }
      const record = entity[rec.responseKey] ?? null;
      for (const cls of recordClassesOf(field)) {
        const verdict = verdicts[cls];
        if (verdict === 'ALLOW') continue;
        const code = verdict ?? 'FORBIDDEN';
        // The silo withheld the record under the class; or it answered data of the class
        // it was not granted, which makes the record one of that class: withheld whole.
        const silo =
          record === null && errors.some((e) => samePath(e.path, at) && e.extensions?.code === code);
        const seen = rec.sensitive.some((s) => s.cls === cls && holdsValue(record, s.path));
        if (silo || seen) {
          entity[rec.responseKey] = null;
          guard.withholdWhole(at, code);
          withheldRecords.push({ personId, cls, code });
          continue records;
        }
      }
      if (record === null) continue;
      for (const s of rec.sensitive) {
        const verdict = verdicts[s.cls];
        if (verdict !== 'ALLOW') guard.nullAt(record, s.path, at, verdict ?? 'FORBIDDEN');
      }
    }
  });
  return withheldRecords;
}

/**
 * The gateway decided the record disclosable before the fetch, but the answer withheld
 * it whole under a record class: the audit says what happened — withheld, with the
 * class's code — not what was allowed.
 */
export function settleWithheldRecords(
  ctx: GatewayContext,
  field: WelfareField,
  withheld: readonly WithheldRecord[],
): void {
  for (const w of withheld)
    for (const [key, d] of ctx.decisions) {
      if (d.personId !== w.personId || d.field !== field || d.cls !== 'GENERAL' || d.decision !== 'DISCLOSED')
        continue;
      ctx.decisions.delete(key);
      const { count, ...decided } = d;
      const instead = { ...decided, ...withheldOutcome(w.code) };
      for (let i = 0; i < count; i++) recordDecision(ctx, instead);
    }
}
