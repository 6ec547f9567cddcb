/**
 * A plausible stretch of 重層 workflow for the synthetic town (town/synthetic.ts),
 * so 事業評価 and the dashboards have something real to show at 1,000 or 150,000
 * residents: intakes with the consent question, referrals to 多機関協働 or, without
 * consent, cases opened at a 支援会議, assessments, plans put to meetings, 支援決定,
 * re-plans, contact attempts, 終結 with つながり評価 and 中断 — from 2025-04-01 to
 * 2026-11-30 (the whole of 年度2025 and 年度2026 to the demo town's "now").
 *
 * Deterministic: the same number of residents gives the same history, whatever the day
 * it is generated (its own seeded generator, fixed dates). It touches synthetic residents
 * only (ids S-…, SH-…) and writes its own ids (SC-…, SPL-…, SM-…), never a scenario id.
 * Documents have the shape the workflow's mutations write (history entries, decisions,
 * versions), so every query reads them as it reads real work.
 */
import type { BuiltInField } from '../../shared/domain';
import { WELFARE_FIELDS } from '../../shared/domain';
import { DEMO_STAFF } from '../../town/agencies';
import { tokyoDayAt } from '../../shared/calendar';
import type { SyntheticResident } from '../../town/synthetic';
import { prng, syntheticTown } from '../../town/synthetic';
import type {
  CaseDoc,
  ConsentAnswer,
  ConsentDoc,
  HistoryAction,
  HistoryEntry,
  MeetingDoc,
  MeetingKind,
  PlanDecisionRecord,
  PlanDoc,
  PlanKind,
  PlanStatus,
  TsunagariScores,
} from './model';

export const HISTORY_FROM = '2025-04-01';
/** The last day with synthetic work (the demo town's meetings are in late November 2026). */
export const HISTORY_TO = '2026-11-30';
const HISTORY_SEED = 20250401;
/** Plans one sitting of a meeting takes up; a busy month holds several sittings on its day. */
const PLANS_PER_SITTING = 12;

const DAY = 86_400_000;
const FROM_MS = Date.parse(`${HISTORY_FROM}T00:00:00+09:00`);
const TO_MS = Date.parse(`${HISTORY_TO}T23:59:59+09:00`);

const FIELD_AGENCY: Record<BuiltInField, string> = {
  KAIGO: 'houkatsu-kita',
  SHOGAI: 'soudan-aoba',
  KODOMO: 'kodomo-center',
  KONKYU: 'shakyo-jiritsu',
};
const TOPICS: Record<BuiltInField, string[]> = {
  KAIGO: ['介護の負担', '認知症の心配', '在宅生活の継続'],
  SHOGAI: ['障害福祉サービスの利用', '日中の居場所', '就労の不安'],
  KODOMO: ['子育ての不安', '子どもの発達', '登校しぶり'],
  KONKYU: ['生活費の不足', '家賃の滞納', '仕事が見つからない'],
};
const STAFF = new Map(DEMO_STAFF.map((s) => [s.agencyId, s.id]));
const staffOf = (agencyId: string) => STAFF.get(agencyId) ?? 's-fukushi-01';

export interface SyntheticHistory {
  /** Each person's consent versions, in order, when the history wrote any (they replace the plain one). */
  consents: Map<string, ConsentDoc[]>;
  cases: CaseDoc[];
  plans: PlanDoc[];
  meetings: MeetingDoc[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function fieldsOf(r: SyntheticResident): BuiltInField[] {
  const out: BuiltInField[] = [];
  if (r.careLevel > 0) out.push('KAIGO');
  if (r.disability) out.push('SHOGAI');
  if (r.childSupport) out.push('KODOMO');
  if (r.povertyConsultation) out.push('KONKYU');
  return out;
}

/** Where a meeting decision waits to be placed in a sitting. */
interface Pending {
  kind: MeetingKind;
  day: string;
  caseId: string;
  teamAgencyIds: string[];
  /** Called with the sitting once it is known. */
  place: (meetingId: string, at: number) => void;
}

/** The next meeting day of a kind on or after `ms`: 支援会議 on the 10th, 重層的支援会議 on the 20th. */
function nextMeetingDay(kind: MeetingKind, ms: number): { day: string; at: number } {
  const dom = kind === 'SHIEN_KAIGI' ? 10 : 20;
  const hour = kind === 'SHIEN_KAIGI' ? '10:00' : '13:30';
  const d = new Date(ms + 9 * 3600_000);
  for (let add = 0; add < 3; add++) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + add;
    const day = new Date(Date.UTC(y, m, dom)).toISOString().slice(0, 10);
    const at = Date.parse(`${day}T${hour}:00+09:00`);
    if (at >= ms) return { day, at };
  }
  throw new Error('unreachable');
}

class PlanBuilder {
  readonly history: HistoryEntry[] = [];
  readonly decisions: PlanDecisionRecord[] = [];
  readonly contactAttempts: PlanDoc['contactAttempts'] = [];
  status: PlanStatus = 'DRAFT';
  lastAt: number;
  lastBy: string;
  statusSince: number;
  ending: PlanDoc['ending'] = null;

  constructor(
    readonly doc: Pick<
      PlanDoc,
      | '_id'
      | 'caseId'
      | 'kind'
      | 'personIds'
      | 'components'
      | 'goals'
      | 'direction'
      | 'roles'
      | 'monitoringDate'
      | 'createdAt'
      | 'createdBy'
    >,
    readonly authorAgency: string,
  ) {
    this.lastAt = Date.parse(doc.createdAt);
    this.lastBy = doc.createdBy;
    this.statusSince = this.lastAt;
    this.entry(this.lastAt, authorAgency, 'DRAFTED', 'DRAFT', null);
  }

  entry(at: number, agencyId: string, action: HistoryAction, to: PlanStatus, meetingId: string | null) {
    const staffId = staffOf(agencyId);
    this.history.push({
      at: iso(at),
      staffId,
      agencyId,
      action,
      from: action === 'DRAFTED' ? null : this.status,
      to,
      meetingId,
      note: null,
    });
    if (to !== this.status || action === 'DRAFTED') this.statusSince = at;
    this.status = to;
    this.lastAt = at;
    this.lastBy = staffId;
  }

  decide(
    at: number,
    agencyId: string,
    kind: PlanDecisionRecord['kind'],
    to: PlanStatus,
    meeting: { id: string; kind: MeetingKind } | null,
  ) {
    this.decisions.push({
      kind,
      at: iso(at),
      staffId: staffOf(agencyId),
      agencyId,
      meetingId: meeting?.id ?? null,
      meetingKind: meeting?.kind ?? null,
      to,
      note: kind === 'SENT_BACK' ? '目標を具体的に' : kind === 'SUSPENDED' ? '本人と連絡が取れない' : null,
      reportedToAgencyId: kind === 'APPROVED' && to === 'CONFIRMED' ? 'fukushi-ka' : null,
    });
    this.entry(at, agencyId, kind, to, meeting?.id ?? null);
  }

  build(): PlanDoc {
    return {
      ...this.doc,
      status: this.status,
      version: this.history.length,
      updatedAt: iso(this.lastAt),
      updatedBy: this.lastBy,
      statusSince: iso(this.statusSince),
      decisions: this.decisions,
      contactAttempts: this.contactAttempts,
      ending: this.ending,
      history: this.history,
    };
  }
}

/**
 * The history for a town of `count` synthetic residents. Meeting decisions are placed in
 * sittings once every case has asked for them, so a plan's later steps are days after.
 */
export function syntheticHistory(count: number): SyntheticHistory {
  const rand = prng(HISTORY_SEED);
  const chance = (p: number) => rand() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const consents = new Map<string, ConsentDoc[]>();
  const cases: CaseDoc[] = [];
  const builders: PlanBuilder[] = [];
  const pending: Pending[] = [];
  let caseSeq = 0;
  let planSeq = 0;

  // Residents come household by household.
  let household: SyntheticResident[] = [];
  const flush = () => {
    if (household.length) episode(household);
    household = [];
  };

  function intake(
    r: SyntheticResident,
    at: number,
    agencyId: string,
    fieldsInvolved: BuiltInField[],
    answer: ConsentAnswer,
    method: ConsentDoc['method'],
  ): ConsentDoc {
    const versions = consents.get(r.id) ?? [];
    const version = versions.length + 1;
    const granted = answer === 'GRANTED';
    const doc: ConsentDoc = {
      _id: `${r.id}#${version}`,
      personId: r.id,
      version,
      status: answer,
      fields: granted ? [...WELFARE_FIELDS] : [],
      coversTax: false,
      givenBy: 'SELF',
      method,
      takenByAgencyId: agencyId,
      takenByStaffId: staffOf(agencyId),
      takenAt: iso(at),
      // The end of 年度2026 in Tokyo, like the town's other consents.
      expiresAt: granted ? '2027-03-31T14:59:59.000Z' : null,
      withdrawnAt: null,
      change: 'INTAKE',
      recordedAt: iso(at),
      recordedByAgencyId: agencyId,
      recordedByStaffId: staffOf(agencyId),
      reason: null,
      consultation: {
        receivedAt: iso(at),
        answer,
        fields: granted ? [...WELFARE_FIELDS] : [],
        coversTax: false,
        topics: fieldsInvolved.length ? fieldsInvolved.map((f) => pick(TOPICS[f])) : ['暮らしの困りごと'],
        fieldsInvolved,
        summary: null,
      },
    };
    consents.set(r.id, [...versions, doc]);
    return doc;
  }

  function episode(members: SyntheticResident[]) {
    const own = members.map(fieldsOf);
    const fields = WELFARE_FIELDS.filter((f) => own.some((o) => o.includes(f)));
    if (!chance(fields.length ? 0.45 : 0.015)) return;
    const start = FROM_MS + Math.floor(rand() * (TO_MS - FROM_MS - 2 * 3600_000));
    // Office hours: 9:00–17:00 Tokyo on the chosen day.
    const day = tokyoDayAt(start);
    const t0 = Date.parse(`${day}T09:00:00+09:00`) + between(0, 8 * 60 - 1) * 60_000;
    const clientIndex = Math.max(
      0,
      own.findIndex((o) => o.length > 0),
    );
    const client = members[clientIndex] as SyntheticResident;
    const involved: BuiltInField[] = fields.length ? fields : [pick(WELFARE_FIELDS)];
    const roll = rand();
    const receiver =
      roll < 0.08
        ? 'outreach-shakyo'
        : roll < 0.18
          ? 'fukushi-ka'
          : roll < 0.21
            ? 'hello-work'
            : FIELD_AGENCY[(own[clientIndex]?.[0] ?? pick(involved)) as BuiltInField];
    const receiverField = WELFARE_FIELDS.find((f) => FIELD_AGENCY[f] === receiver);
    // A field agency often writes down its own field first; the household's picture comes later.
    const named = receiverField && chance(0.4) ? [receiverField] : involved;
    const answer: ConsentAnswer = client.consent;
    const first = intake(client, t0, receiver, named, answer, 'INTAKE_SHEET');

    const complex = involved.length >= 2 ? chance(0.55) : chance(0.12);
    if (!complex) return;
    const householdId = client.householdId;
    const extraFields = involved.filter((f) => FIELD_AGENCY[f] !== receiver);
    if (answer === 'GRANTED') {
      referral(client, members, householdId, t0, receiver, involved, extraFields, first);
    } else {
      shienKaigi(client, members, householdId, t0, involved);
    }
  }

  function newCase(
    c: Pick<
      CaseDoc,
      | 'title'
      | 'status'
      | 'householdId'
      | 'personIds'
      | 'team'
      | 'referredBy'
      | 'openedAt'
      | 'intakeIds'
      | 'openedAtMeetingId'
      | 'returnedAt'
    >,
    history: HistoryEntry[],
  ): CaseDoc {
    caseSeq++;
    const doc: CaseDoc = {
      ...c,
      _id: `SC-${String(caseSeq).padStart(6, '0')}`,
      version: history.length,
      assessments: [],
      history,
    };
    cases.push(doc);
    return doc;
  }

  function entry(at: number, agencyId: string, action: HistoryAction, extra: Partial<HistoryEntry> = {}) {
    return {
      at: iso(at),
      staffId: staffOf(agencyId),
      agencyId,
      action,
      from: null,
      to: null,
      meetingId: null,
      note: null,
      ...extra,
    } satisfies HistoryEntry;
  }

  function referral(
    client: SyntheticResident,
    members: SyntheticResident[],
    householdId: string,
    t0: number,
    receiver: string,
    involved: BuiltInField[],
    extraFields: BuiltInField[],
    first: ConsentDoc,
  ) {
    const referredAt = t0 + between(3, 20) * DAY;
    if (referredAt > TO_MS) return;
    const intakeIds = [first._id];
    // 多機関協働 often takes the 相談受付・申込票 itself the day the case comes (route: 紹介).
    if (chance(0.4)) {
      intakeIds.push(
        intake(client, referredAt - 3600_000, 'takikan-shakyo', involved, 'GRANTED', 'APPLICATION_FORM')._id,
      );
    }
    const people = [
      client.id,
      ...members
        .filter((m) => m !== client && m.consent === 'GRANTED' && fieldsOf(m).length > 0)
        .map((m) => m.id),
    ];
    const team: CaseDoc['team'] = [
      { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
      { agencyId: 'takikan-shakyo', role: 'PLANNER' },
    ];
    if (receiver !== 'fukushi-ka' && receiver !== 'takikan-shakyo')
      team.push({ agencyId: receiver, role: 'MAIN_CONTACT' });
    const history: HistoryEntry[] = [entry(referredAt, receiver, 'REFERRED', { to: 'OPEN' })];
    const c = newCase(
      {
        title: `${involved.length}分野にわたる世帯の相談`,
        status: 'OPEN',
        householdId,
        personIds: people,
        team,
        referredBy: receiver,
        openedAt: iso(referredAt),
        intakeIds,
        openedAtMeetingId: null,
        returnedAt: null,
      },
      history,
    );
    // 8%: back to the referring agency before any plan (紹介元に戻す).
    if (chance(0.08)) {
      const back = referredAt + between(10, 40) * DAY;
      if (back > TO_MS) return;
      history.push(entry(back, 'takikan-shakyo', 'RETURNED', { from: 'OPEN', to: 'RETURNED' }));
      c.status = 'RETURNED';
      c.returnedAt = iso(back);
      c.version = history.length;
      return;
    }
    let at = referredAt + between(7, 21) * DAY;
    if (at > TO_MS) return;
    history.push(entry(at, 'takikan-shakyo', 'ASSESSED'));
    (c.assessments as NonNullable<CaseDoc['assessments']>).push({
      at: iso(at),
      staffId: staffOf('takikan-shakyo'),
      agencyId: 'takikan-shakyo',
      summary: '世帯の複数の課題について相談',
      issues: involved.map((f) => pick(TOPICS[f])),
      strengths: ['相談につながった'],
      view: null,
    });
    for (const f of extraFields) {
      const agencyId = FIELD_AGENCY[f];
      if (team.some((t) => t.agencyId === agencyId)) continue;
      team.push({ agencyId, role: 'SUPPORT' });
      history.push(entry(at, 'takikan-shakyo', 'TEAM_MEMBER_ADDED', { note: agencyId }));
    }
    c.version = history.length;
    at += between(5, 14) * DAY;
    if (at > TO_MS) return;
    const sanka = chance(0.25);
    const plan = newPlan(c, 'TAKIKAN', 'takikan-shakyo', at, sanka ? ['SANKA'] : []);
    lifecycle(plan, c, 'JUSO_KAIGI', at, { end: 0.7, suspend: 0.08 });
  }

  function shienKaigi(
    client: SyntheticResident,
    members: SyntheticResident[],
    householdId: string,
    t0: number,
    involved: BuiltInField[],
  ) {
    const { day, at } = nextMeetingDay('SHIEN_KAIGI', t0 + between(3, 15) * DAY);
    if (at > TO_MS) return;
    const people = [
      client.id,
      ...members.filter((m) => m !== client && fieldsOf(m).length > 0).map((m) => m.id),
    ];
    const team: CaseDoc['team'] = [
      { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
      { agencyId: 'outreach-shakyo', role: 'MAIN_CONTACT' },
      ...involved.map((f) => ({ agencyId: FIELD_AGENCY[f], role: 'SUPPORT' as const })),
    ];
    const history: HistoryEntry[] = [];
    const c = newCase(
      {
        title: '同意のない世帯への支援（支援会議）',
        status: 'OPEN',
        householdId,
        personIds: people,
        team,
        referredBy: 'fukushi-ka',
        openedAt: iso(at),
        intakeIds: [],
        openedAtMeetingId: null,
        returnedAt: null,
      },
      history,
    );
    pending.push({
      kind: 'SHIEN_KAIGI',
      day,
      caseId: c._id,
      teamAgencyIds: team.map((t) => t.agencyId),
      place: (meetingId, sittingAt) => {
        c.openedAt = iso(sittingAt);
        c.openedAtMeetingId = meetingId;
        history.unshift(entry(sittingAt, 'fukushi-ka', 'OPENED_AT_SHIEN_KAIGI', { to: 'OPEN', meetingId }));
        c.version = history.length;
      },
    });
    const drafted = at + between(7, 20) * DAY;
    if (drafted > TO_MS) return;
    history.push(entry(drafted - DAY, 'outreach-shakyo', 'ASSESSED'));
    c.version = history.length;
    const plan = newPlan(c, 'OUTREACH', 'outreach-shakyo', drafted, ['OUTREACH']);
    lifecycle(plan, c, 'SHIEN_KAIGI', drafted, { end: 0.2, suspend: 0.3 });
  }

  function newPlan(
    c: CaseDoc,
    kind: PlanKind,
    author: string,
    at: number,
    components: PlanDoc['components'],
  ) {
    planSeq++;
    const roles = c.team
      .filter((t) => t.agencyId !== 'fukushi-ka')
      .map((t) => ({ agencyId: t.agencyId, task: t.role === 'PLANNER' ? '支援の調整' : '分野の支援' }));
    const b = new PlanBuilder(
      {
        _id: `SPL-${String(planSeq).padStart(6, '0')}`,
        caseId: c._id,
        kind,
        personIds: kind === 'OUTREACH' ? c.personIds.slice(0, 1) : c.personIds,
        components,
        goals: kind === 'OUTREACH' ? ['支援者と会えるようになる'] : ['世帯の暮らしを安定させる'],
        direction: kind === 'OUTREACH' ? '訪問と手紙で関係をつくる' : '関係機関の役割分担で世帯を支える',
        roles,
        monitoringDate: null,
        createdAt: iso(at),
        createdBy: staffOf(author),
      },
      author,
    );
    builders.push(b);
    return b;
  }

  /** Draft → meeting → (支援決定) → confirmed → 終結 / 中断 / still under way, cut at HISTORY_TO. */
  function lifecycle(
    b: PlanBuilder,
    c: CaseDoc,
    kind: MeetingKind,
    drafted: number,
    odds: { end: number; suspend: number },
  ) {
    const author = b.authorAgency;
    const decider = kind === 'JUSO_KAIGI' ? 'takikan-shakyo' : 'fukushi-ka';
    const teamAgencyIds = c.team.map((t) => t.agencyId);
    // Steps run one after another; a meeting step waits for its sitting to be placed.
    const steps: ((at: number) => void)[] = [];
    let i = 0;
    const next = (at: number) => {
      const step = steps[i++];
      if (step && at <= TO_MS) step(at);
    };
    const atMeeting = (at: number, then: (meetingId: string, sittingAt: number) => void) => {
      const { day, at: when } = nextMeetingDay(kind, at);
      if (when > TO_MS) return;
      pending.push({ kind, day, caseId: c._id, teamAgencyIds, place: then });
    };
    const submit = (at: number) => {
      b.entry(at, author, 'SUBMITTED', 'IN_REVIEW', null);
      atMeeting(at + DAY, (meetingId, sittingAt) => {
        const decidedAt = sittingAt + 30 * 60_000;
        if (chance(0.15) && b.history.filter((h) => h.action === 'SENT_BACK').length === 0) {
          b.decide(decidedAt, decider, 'SENT_BACK', 'DRAFT', { id: meetingId, kind });
          i = 0;
          steps.splice(0, steps.length, submit, ...rest);
          next(decidedAt + between(5, 12) * DAY);
          return;
        }
        const needsDecision = b.doc.components.length > 0;
        b.decide(decidedAt, decider, 'APPROVED', needsDecision ? 'AWAITING_DECISION' : 'CONFIRMED', {
          id: meetingId,
          kind,
        });
        next(decidedAt + between(2, 10) * DAY);
      });
    };
    const supportDecision = (at: number) => {
      if (b.status === 'AWAITING_DECISION') {
        b.decide(at, 'fukushi-ka', 'SUPPORT_DECIDED', 'CONFIRMED', null);
      }
      b.doc.monitoringDate = tokyoDayAt(at + 90 * DAY);
      next(at + between(60, 280) * DAY);
    };
    const settle = (at: number) => {
      const roll = rand();
      if (roll < odds.end) {
        atMeeting(at, (meetingId, sittingAt) => {
          const endedAt = sittingAt + 40 * 60_000;
          const score = () => Math.min(4, Math.max(1, Math.round(2.6 + (rand() - 0.4) * 2.2)));
          const tsunagari: TsunagariScores = {
            motivation: score(),
            selfEsteem: score(),
            relationships: score(),
            socialParticipation: score(),
            consultation: score(),
          };
          const main = c.team.find((t) => t.role === 'MAIN_CONTACT')?.agencyId ?? 'takikan-shakyo';
          b.ending = {
            at: iso(endedAt),
            staffId: staffOf(decider),
            agencyId: decider,
            meetingId,
            evaluation: {
              goalAttainment: '概ね達成',
              outcome: '支援につながった',
              followUp: '主担当が見守る',
            },
            tsunagari,
            mainContactAgencyId: main,
          };
          b.decide(endedAt, decider, 'ENDED', 'ENDED', { id: meetingId, kind });
        });
      } else if (roll < odds.end + odds.suspend) {
        // 中断 only after trying to reach the person (001 6-2)(4)).
        for (let k = 0; k < 3; k++) {
          const tried = at + k * 7 * DAY;
          if (tried > TO_MS) return;
          b.contactAttempts?.push({
            at: iso(tried),
            method: k === 0 ? 'PHONE' : k === 1 ? 'VISIT' : 'LETTER',
            reached: false,
            note: null,
            staffId: staffOf(author),
            agencyId: author,
          });
          b.entry(tried, author, 'CONTACT_ATTEMPTED', b.status, null);
        }
        atMeeting(at + 15 * DAY, (meetingId, sittingAt) =>
          b.decide(sittingAt + 40 * 60_000, decider, 'SUSPENDED', 'SUSPENDED', { id: meetingId, kind }),
        );
      } else if (chance(0.3)) {
        // 再プラン: new content back to the meeting.
        b.entry(at, author, 'REVISED', 'IN_REVIEW', null);
        atMeeting(at + DAY, (meetingId, sittingAt) =>
          b.decide(sittingAt + 30 * 60_000, decider, 'APPROVED', 'CONFIRMED', { id: meetingId, kind }),
        );
      }
    };
    const rest = [supportDecision, settle];
    steps.push(submit, ...rest);
    next(drafted + between(3, 10) * DAY);
  }

  for (const r of syntheticTown(count)) {
    if (household.length && household[0]?.householdId !== r.householdId) flush();
    household.push(r);
  }
  flush();

  // Sittings: by kind and day, in the order the cases asked, at most PLANS_PER_SITTING each.
  // Placing a decision can ask for a later one (a plan sent back, then approved): repeat.
  const meetings = new Map<string, MeetingDoc>();
  while (pending.length) {
    pending.sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind));
    const first = pending[0] as Pending;
    const batch = pending.filter((p) => p.day === first.day && p.kind === first.kind);
    const placed = new Set(batch);
    pending.splice(0, pending.length, ...pending.filter((p) => !placed.has(p)));
    for (let s = 0; s * PLANS_PER_SITTING < batch.length; s++) {
      const items = batch.slice(s * PLANS_PER_SITTING, (s + 1) * PLANS_PER_SITTING);
      const base = Date.parse(`${first.day}T${first.kind === 'SHIEN_KAIGI' ? '10:00' : '13:30'}:00+09:00`);
      const at = base + (s % 4) * 90 * 60_000 + Math.floor(s / 4) * DAY;
      const id = `SM-${first.kind === 'SHIEN_KAIGI' ? 'S' : 'J'}${first.day.replace(/-/g, '')}-${s + 1}`;
      const label = first.kind === 'SHIEN_KAIGI' ? '支援会議 (法106条の6)' : '重層的支援会議';
      const members = [
        ...new Set([
          'fukushi-ka',
          first.kind === 'SHIEN_KAIGI' ? 'outreach-shakyo' : 'takikan-shakyo',
          ...items.flatMap((p) => p.teamAgencyIds),
        ]),
      ];
      const convener = 'fukushi-ka';
      const meeting: MeetingDoc = {
        _id: id,
        kind: first.kind,
        title: `${label} ${first.day.slice(0, 4)}年${Number(first.day.slice(5, 7))}月 第${s + 1}部会`,
        status: 'CLOSED',
        scheduledAt: iso(at),
        memberAgencyIds: members,
        agenda: [...new Set(items.map((p) => p.caseId))].map((caseId) => ({
          kind: 'CASE' as const,
          id: caseId,
        })),
        decisions: [],
        version: 3,
        convenedByAgencyId: convener,
        openedAt: iso(at),
        closedAt: iso(at + 80 * 60_000),
        history: [
          entry(at - 14 * DAY, convener, 'SCHEDULED', { to: 'SCHEDULED' }),
          entry(at, convener, 'OPENED', { from: 'SCHEDULED', to: 'OPEN' }),
          entry(at + 80 * 60_000, convener, 'CLOSED', { from: 'OPEN', to: 'CLOSED' }),
        ],
      };
      meetings.set(id, meeting);
      for (const p of items) p.place(id, at);
    }
  }
  return {
    consents,
    cases,
    plans: builders.map((b) => b.build()),
    meetings: [...meetings.values()].sort((a, b) => a._id.localeCompare(b._id)),
  };
}
