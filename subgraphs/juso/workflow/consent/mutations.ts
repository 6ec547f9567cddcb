/**
 * 相談受付 and consent: each mutation checks what the caller may see (visibility.ts,
 * audited), what their agency may do (roles.ts), the version they read, the machine and
 * the rules, in that order, then inserts exactly one new consent version. A refusal is
 * thrown before the write, so a refused mutation changes nothing.
 */
import { ownRecord } from '../../access';
import type { JusoContext } from '../../context';
import type {
  ConsentGrantInput,
  ConsentScopeInput,
  MutationGrantConsentArgs,
  MutationNarrowConsentArgs,
  MutationRecordIntakeArgs,
  MutationResolvers,
  MutationWidenConsentArgs,
  MutationWithdrawConsentArgs,
} from '../../generated/graphql';
import type { ConsentDoc, ConsentMethod, PersonDoc } from '../../model';
import { consentGate, consentVisible } from '../../visibility';
import { raise, refuse } from '../errors';
import { agencyOf, allow, forgetPerson, legal, people, r } from '../common';
import { instant, text, texts, welfareFields } from '../inputs';
import type { WorkflowAction } from '../roles';
import { mayPerform } from '../roles';
import { actor, checkVersion, insertNew } from '../writes';
import type { ConsentEvent } from './machine';
import { consentState, consentTransition } from './machine';
import { checkConsentScope, checkExpiry, checkIntakeAnswer } from './rules';

/** Each person's consent state, read fresh from the store (not from this request's cache). */
export async function consentStates(ctx: JusoContext, persons: PersonDoc[]) {
  const versions = await ctx.repo.consentVersionsByPersonIds(persons.map((p) => p._id));
  return persons.map((p, i) => ({
    id: p._id,
    name: `${p.name} (${p._id})`,
    current: versions[i]?.at(-1) ?? null,
    state: consentState(versions[i]?.at(-1), ctx.now),
  }));
}

async function recordIntake(ctx: JusoContext, { input }: MutationRecordIntakeArgs): Promise<ConsentDoc> {
  allow(ctx, 'RECORD_INTAKE');
  const [person] = await people(ctx, [input.personId]);
  const topics = texts(input.topics, 'topics');
  if (!topics.length)
    throw refuse('BAD_USER_INPUT', 'an intake names at least one topic of the consultation');
  const receivedAt = input.receivedAt ? instant(input.receivedAt, 'receivedAt') : ctx.now.toISOString();
  if (Date.parse(receivedAt) > ctx.now.getTime())
    throw refuse('BAD_USER_INPUT', 'receivedAt cannot be in the future');
  const c = input.consent;
  const scope = { fields: welfareFields(c.fields), coversTax: c.coversTax };
  const expiresAt = c.expiresAt ? instant(c.expiresAt, 'consent.expiresAt') : null;
  raise(
    checkIntakeAnswer(c.answer, scope),
    c.answer === 'GRANTED' ? checkExpiry(expiresAt, ctx.now) : null,
    c.answer !== 'GRANTED' && expiresAt ? refuse('BAD_USER_INPUT', 'only given consent has an expiry') : null,
  );
  const [state] = await consentStates(ctx, [person as PersonDoc]);
  const current = state!.current;
  const who = actor(ctx);
  // The answer becomes the consent in force only under grantConsent's rules (DOMAIN.md
  // "Who may change the rules' inputs"): the agency takes the consent forms (GRANT_CONSENT),
  // and it may see the consent it would replace (there is none yet, or it is on the case
  // team / in a meeting with the person). Otherwise the intake is recorded with the answer
  // as given, and the consent in force is carried over unchanged — decided without telling
  // the caller which case applied, so an intake cannot probe or overwrite a hidden state.
  const takesForms = mayPerform(agencyOf(ctx).role, 'GRANT_CONSENT');
  const writes = takesForms && (!current || (await consentVisible(ctx, input.personId)));
  const status: ConsentDoc['status'] = writes
    ? legal(consentTransition(state!.state, 'INTAKE', c.answer))
    : (current?.status ?? 'UNKNOWN');
  const version = (current?.version ?? 0) + 1;
  // Carried over: 不明 over consent in force (machine.ts), or an answer this agency may not record.
  const kept = (!writes || status !== c.answer) && current;
  const unasked = { fields: [], coversTax: false, expiresAt: null };
  const given = kept
    ? {
        fields: current.fields,
        coversTax: current.coversTax,
        givenBy: current.givenBy,
        method: current.method,
        takenByAgencyId: current.takenByAgencyId,
        takenByStaffId: current.takenByStaffId,
        takenAt: current.takenAt,
        expiresAt: current.expiresAt,
        withdrawnAt: current.withdrawnAt ?? null,
      }
    : {
        ...(writes ? { ...scope, expiresAt } : unasked),
        givenBy: c.givenBy,
        method: c.method,
        takenByAgencyId: who.agencyId,
        takenByStaffId: who.staffId,
        takenAt: receivedAt,
        withdrawnAt: null,
      };
  const doc = await insertNew(ctx.repo.consents(), `consent of ${input.personId}`, {
    _id: `${input.personId}#${version}`,
    personId: input.personId,
    version,
    status,
    ...given,
    change: 'INTAKE',
    recordedAt: ctx.now.toISOString(),
    recordedByAgencyId: who.agencyId,
    recordedByStaffId: who.staffId,
    reason: null,
    consultation: {
      receivedAt,
      answer: c.answer,
      ...scope,
      topics,
      fieldsInvolved: welfareFields(input.fieldsInvolved),
      summary: text(input.summary, 'summary', false),
    },
  });
  forgetPerson(ctx, input.personId);
  // The receiving agency reads back its own intake (not the consent in force: Intake.consent is gated).
  ownRecord(ctx.access, { field: 'INTAKE', subjectId: doc._id, personIds: [doc.personId] });
  return doc;
}

/** What a consent change sends: narrowing and widening's scope, granting's also who gave it. */
type ScopeInput = ConsentScopeInput & Partial<Pick<ConsentGrantInput, 'givenBy'>>;

const CONSENT_ACTION: Record<Exclude<ConsentEvent, 'INTAKE'>, WorkflowAction> = {
  GRANT: 'GRANT_CONSENT',
  NARROW: 'NARROW_CONSENT',
  WIDEN: 'WIDEN_CONSENT',
  WITHDRAW: 'WITHDRAW_CONSENT',
};

/**
 * A new consent version (never an overwrite). The caller must be able to see the
 * person's consent (case team or meeting), as for reading it; the unique index on
 * {personId, version} makes a concurrent change a VERSION_CONFLICT.
 */
async function changeConsent(
  ctx: JusoContext,
  personId: string,
  expectedVersion: number,
  event: Exclude<ConsentEvent, 'INTAKE'>,
  input: ScopeInput,
): Promise<PersonDoc> {
  const [person] = await people(ctx, [personId]);
  await consentGate(ctx, personId);
  allow(ctx, CONSENT_ACTION[event]);
  const [state] = await consentStates(ctx, [person as PersonDoc]);
  const current = state!.current;
  raise(checkVersion(`the consent of ${personId}`, current ?? {}, expectedVersion));
  const status = legal(consentTransition(state!.state, event));
  const who = actor(ctx);
  const now = ctx.now.toISOString();
  const expiresAt =
    input.expiresAt === undefined || input.expiresAt === null
      ? event === 'GRANT'
        ? null
        : (current?.expiresAt ?? null)
      : instant(input.expiresAt, 'expiresAt');
  const base = {
    _id: `${personId}#${expectedVersion + 1}`,
    personId,
    version: expectedVersion + 1,
    status,
    recordedAt: now,
    recordedByAgencyId: who.agencyId,
    recordedByStaffId: who.staffId,
    reason: text(input.reason, 'reason', false),
    consultation: null,
  };
  let doc: ConsentDoc;
  if (event === 'WITHDRAW') {
    // As the withdrawn version P-601#2 of the demo town: what was given, and when it was withdrawn.
    const was = current as ConsentDoc;
    doc = { ...was, ...base, change: 'WITHDRAW', withdrawnAt: now };
  } else {
    const scope = { fields: welfareFields(input.fields), coversTax: input.coversTax };
    raise(
      checkConsentScope(event, current, scope),
      event === 'WIDEN' && !input.method
        ? refuse('BAD_USER_INPUT', 'say on which form (method) the wider consent was given')
        : null,
      checkExpiry(expiresAt, ctx.now),
    );
    doc = {
      ...base,
      ...scope,
      change: event,
      givenBy: input.givenBy ?? current?.givenBy ?? 'SELF',
      method: input.method ?? (current?.method as ConsentMethod),
      takenByAgencyId: who.agencyId,
      takenByStaffId: who.staffId,
      takenAt: now,
      expiresAt,
      withdrawnAt: null,
    };
  }
  await insertNew(ctx.repo.consents(), `the consent of ${personId}`, doc);
  forgetPerson(ctx, personId);
  return person as PersonDoc;
}

export const consentMutations = {
  recordIntake: r(recordIntake),
  grantConsent: r((ctx, a: MutationGrantConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'GRANT', a.input),
  ),
  narrowConsent: r((ctx, a: MutationNarrowConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'NARROW', a.input),
  ),
  widenConsent: r((ctx, a: MutationWidenConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'WIDEN', a.input),
  ),
  withdrawConsent: r((ctx, a: MutationWithdrawConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'WITHDRAW', {
      fields: [],
      coversTax: false,
      reason: a.reason ?? null,
    }),
  ),
} satisfies MutationResolvers<JusoContext>;
