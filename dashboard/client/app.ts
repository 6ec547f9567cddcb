/// <reference lib="dom" />
/**
 * The household dashboard in the browser: sign in (demo staff picker or a pasted token),
 * choose where to act (outside any meeting, or in an open meeting of one's agency), find a
 * household or person, and see each member across the four fields with what is withheld
 * and why. The token lives in this page's memory only: closing or reloading the page
 * signs out.
 */
import type { DashboardDocument } from '../generated/graphql';
import {
  DashboardAgenciesDocument,
  DashboardHouseholdDocument,
  DashboardMeetingDocument,
  DashboardMyMeetingsDocument,
  DashboardPersonDocument,
  DashboardSearchDocument,
} from '../generated/graphql';
import type { Caller, GraphQLErrorBody, GraphQLResult, MeetingSummary, Variables } from './api';
import { ErrorIndex, GatewayUnreachableError, graphql } from './api';
import {
  formatDate,
  label,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  reasonFor,
  searchText,
} from '../common/labels';
import { initStatistics } from './statistics';
import { initDisclosure } from './disclosure';
import { initEmergency } from './emergency';
import { agendaList, byId, casesSection, h, linkButton, membersTable, searchResults } from './view';

type Target = { kind: 'household' | 'person'; id: string };

const state: {
  user: { token: string; displayName: string } | null;
  /** Meetings the user can act in: the open ones of myMeetings, and any added by id. */
  meetings: MeetingSummary[];
  meetingId: string | null;
  target: Target | null;
} = { user: null, meetings: [], meetingId: null, target: null };

const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/;

// ---- messages ----

function announce(text: string): void {
  byId('status').textContent = text;
}

function showAlert(text: string | null): void {
  const el = byId('alert');
  el.textContent = text ?? '';
  el.hidden = !text;
}

function describe(errors: GraphQLErrorBody[]): string {
  return [...new Set(errors.map((e) => reasonFor(e.extensions?.code)))].join('／') || '理由不明';
}

/** Thrown when a request finds the user signed out: the handler stops quietly. */
class SignedOutError extends Error {}

function caller(): Caller {
  if (!state.user) throw new SignedOutError();
  return { token: state.user.token, meetingId: state.meetingId };
}

/**
 * A query as the signed-in user. A refused token signs out and an unreachable gateway is
 * shown in the alert; both throw SignedOutError / return null. Withheld fields and other
 * GraphQL errors come back in the result for the caller to show where they belong.
 */
async function ask<T, V extends Variables>(
  query: DashboardDocument<T, V>,
  variables?: V,
  /** Where this one request acts, when not where the page does (緊急時の閲覧). */
  override: Partial<Caller> = {},
): Promise<GraphQLResult<T> | null> {
  let result: GraphQLResult<T>;
  try {
    result = await graphql<T>({ ...caller(), ...override }, query, variables ?? {});
  } catch (error) {
    if (!(error instanceof GatewayUnreachableError)) throw error;
    showAlert('ゲートウェイに接続できませんでした。ネットワークとサーバーの状態を確認してください。');
    return null;
  }
  if (result.status === 401) {
    signOut(
      'サインインの有効期限が切れたか、トークンが認められませんでした。もう一度サインインしてください。',
    );
    throw new SignedOutError();
  }
  return result;
}

/** The data of a result, or null after saying in the alert why there is none. */
function dataOf<T>(result: GraphQLResult<T> | null): T | null {
  if (result && result.data === null) showAlert(`表示できませんでした: ${describe(result.errors)}`);
  return result?.data ?? null;
}

// ---- sign-in ----

/** Display-only look at a JWT's claims (the gateway verifies it; the page never trusts it). */
function claimsOf(token: string): Record<string, unknown> {
  try {
    const bin = atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))),
    );
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function loadDevStaff(): Promise<void> {
  const response = await fetch('/dev-idp/staff', { cache: 'no-store' }).catch(() => null);
  // 404: the demo sign-in is off (production, or DEV_IDP_SIGNIN not set).
  if (!response?.ok) return;
  const { staff } = (await response.json()) as { staff: { id: string; name: string; agencyName: string }[] };
  byId('dev-staff').replaceChildren(
    ...staff.map((s) => h('option', { value: s.id }, `${s.name}（${s.agencyName}）${s.id}`)),
  );
  byId('dev-sign-in').hidden = false;
}

async function devSignIn(staffId: string): Promise<void> {
  const response = await fetch('/dev-idp/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId }),
    cache: 'no-store',
  }).catch(() => null);
  if (!response?.ok) {
    showAlert('開発用IDプロバイダーからトークンを受け取れませんでした。');
    return;
  }
  await signIn(((await response.json()) as { token: string }).token);
}

async function signIn(rawToken: string): Promise<void> {
  const token = rawToken.trim().replace(/^Bearer\s+/i, '');
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    showAlert('トークンの形式が正しくありません（JWT を貼り付けてください）。');
    return;
  }
  showAlert(null);
  const claims = claimsOf(token);
  const name =
    typeof claims.name === 'string' ? claims.name : typeof claims.sub === 'string' ? claims.sub : '職員';
  Object.assign(state, { user: { token, displayName: name }, meetings: [], meetingId: null, target: null });

  // The first request proves the token: a refusal signs out again with the reason.
  const agencies = dataOf(await ask(DashboardAgenciesDocument))?.agencies ?? [];
  const agency = agencies.find((a) => a.id === claims.agency)?.name;
  const role = agencies.find((a) => a.id === claims.agency)?.role ?? null;
  if (state.user && agency) state.user.displayName = `${name}（${agency}）`;
  const meetings = await ask(DashboardMyMeetingsDocument);
  state.meetings = (meetings?.data?.myMeetings ?? []).filter((m) => m.status === 'OPEN');
  const scheduled = (meetings?.data?.myMeetings ?? []).length - state.meetings.length;

  byId('who-text').textContent = `${state.user?.displayName ?? name} としてサインイン中`;
  byId('who').hidden = false;
  byId('sign-in').hidden = true;
  byId<HTMLTextAreaElement>('token').value = '';
  byId('workspace').hidden = false;
  statistics.signedIn();
  byId('view').hidden = true;
  byId('search-results').replaceChildren();
  byId('agenda').replaceChildren();
  renderContextOptions();
  byId('meetings-note').textContent = !meetings?.data?.myMeetings
    ? `所属機関の会議の一覧を取得できませんでした（${describe(meetings?.errors ?? [])}）。会議IDで指定できます。`
    : !state.meetings.length
      ? '所属機関が構成員となっている開催中の会議はありません。'
      : scheduled > 0
        ? `ほかに開催前の会議が${scheduled}件あります（開催中になると選べます）。`
        : '';
  disclosure.signedIn(role);
  await emergency.signedIn(role);
  announce(`${state.user?.displayName ?? name} としてサインインしました。`);
  byId('context-title').focus();
}

function signOut(message?: string): void {
  Object.assign(state, { user: null, meetings: [], meetingId: null, target: null });
  byId('who').hidden = true;
  byId('workspace').hidden = true;
  emergency.signedOut();
  disclosure.signedOut();
  statistics.signedOut();
  byId('view-body').replaceChildren();
  byId('search-results').replaceChildren();
  byId('agenda').replaceChildren();
  byId<HTMLInputElement>('search-text').value = '';
  byId('sign-in').hidden = false;
  showAlert(message ?? null);
  announce('サインアウトしました。');
  byId('sign-in-title').focus();
}

// ---- where the page acts: outside any meeting, or in one ----

function meetingText(m: MeetingSummary): string {
  return `${m.title}（${m.id}・${label(MEETING_KIND_LABELS, m.kind)}・${label(MEETING_STATUS_LABELS, m.status)}・${formatDate(m.scheduledAt)}）`;
}

function contextText(): string {
  if (!state.meetingId) {
    return '会議外で表示しています（所属機関が支援チームに入っているケースについて、本人の同意の範囲で表示）。';
  }
  const m = state.meetings.find((x) => x.id === state.meetingId);
  return `${m ? meetingText(m) : state.meetingId} の構成員として表示しています。`;
}

function renderContextOptions(): void {
  const option = (value: string | null, text: string) => {
    const id = `context-${value ?? 'outside'}`;
    const input = h('input', { type: 'radio', name: 'context', id, checked: state.meetingId === value });
    input.addEventListener('change', () => void run(() => changeContext(value)));
    return h('div', { class: 'context-option' }, input, h('label', { for: id }, text));
  };
  byId('context-options').replaceChildren(
    option(null, '会議外（担当ケースとして見る）'),
    ...state.meetings.map((m) => option(m.id, meetingText(m))),
  );
}

async function changeContext(meetingId: string | null): Promise<void> {
  state.meetingId = meetingId;
  announce(meetingId ? `会議 ${meetingId} の構成員として表示します。` : '会議外で表示します。');
  await renderAgenda();
  if (state.target) await openTarget(state.target, { keepFocus: true });
}

async function renderAgenda(): Promise<void> {
  const box = byId('agenda');
  if (!state.meetingId) return box.replaceChildren();
  const result = await ask(DashboardMeetingDocument, { id: state.meetingId });
  const meeting = result?.data?.meeting;
  box.replaceChildren(
    meeting
      ? agendaList(meeting, (kind, id) => void run(() => openTarget({ kind, id })))
      : h('p', { class: 'absent' }, `議題を表示できません: ${describe(result?.errors ?? [])}`),
  );
}

/** A meeting not in the list (e.g. myMeetings unavailable): checked with meeting(id) before use. */
async function addMeetingById(raw: string): Promise<void> {
  const id = raw.trim();
  const note = byId('meeting-id-result');
  if (!MEETING_ID.test(id)) {
    note.textContent = '会議IDは英数字・ハイフンで入力してください（例: M-J1）。';
    return;
  }
  const result = await ask(DashboardMeetingDocument, { id });
  const meeting = result?.data?.meeting;
  if (!meeting || meeting.status !== 'OPEN') {
    // Same words as a withheld field: not a member (or no such meeting), or not open.
    note.textContent = `${id} では表示できません: ${meeting ? reasonFor('MEETING_NOT_OPEN') : describe(result?.errors ?? [])}`;
    return;
  }
  note.textContent = '';
  if (!state.meetings.some((m) => m.id === meeting.id)) state.meetings.push(meeting);
  state.meetingId = meeting.id;
  renderContextOptions();
  byId<HTMLInputElement>('meeting-id').value = '';
  await changeContext(meeting.id);
}

// ---- search ----

async function search(raw: string): Promise<void> {
  const text = searchText(raw);
  if (!text) return;
  const data = dataOf(
    await ask(DashboardSearchDocument, {
      text,
      id: text,
    }),
  );
  if (!data) return;
  byId('search-results').replaceChildren(
    searchResults(data.searchPeople, data.household, (kind, id) => void run(() => openTarget({ kind, id }))),
  );
  announce(`検索結果: ${data.searchPeople.length}人${data.household ? '、世帯1件' : ''}`);
}

// ---- the household (or person) view ----

/** Errors no cell showed: listed, never dropped. */
function otherErrors(errors: ErrorIndex): HTMLElement | null {
  const rest = errors.unshown();
  if (!rest.length) return null;
  return h(
    'div',
    { class: 'other-errors' },
    h('h3', {}, 'ほかに表示できなかった項目'),
    h(
      'ul',
      {},
      rest.map((e) => h('li', {}, `${(e.path ?? []).join('.')}: ${reasonFor(e.extensions?.code)}`)),
    ),
  );
}

async function householdBody(
  id: string,
  today: Date,
): Promise<{ title: string; body: (HTMLElement | null)[] } | null> {
  const result = await ask(DashboardHouseholdDocument, { id });
  const data = dataOf(result);
  if (!result || !data) return null;
  const errors = new ErrorIndex(result.errors);
  const hh = data.household;
  if (!hh) return { title: `世帯 ${id}`, body: [h('p', { class: 'absent' }, '世帯が見つかりません')] };
  const casesCode = errors.codeAt(['household', 'cases']);
  return {
    title: `${hh.name}（${hh.id}）`,
    body: [
      membersTable(
        `${hh.name}の世帯員（${hh.members.length}人）と4分野の記録`,
        hh.members.map((member, i) => ({ member, path: ['household', 'members', i] })),
        errors,
        today,
        emergency.actionFor,
      ),
      casesSection(hh.cases, casesCode),
      otherErrors(errors),
    ],
  };
}

async function personBody(
  id: string,
  today: Date,
): Promise<{ title: string; body: (HTMLElement | null)[] } | null> {
  // In a 緊急時の閲覧 window for this person, the query acts in it (X-Emergency-Access).
  const result = await ask(DashboardPersonDocument, { id }, { emergencyId: emergency.windowFor(id) });
  const data = dataOf(result);
  if (!result || !data) return null;
  const errors = new ErrorIndex(result.errors);
  const p = data.person;
  if (!p)
    return { title: `宛名番号 ${id}`, body: [h('p', { class: 'absent' }, '該当する人が見つかりません')] };
  const hh = p.household;
  const householdLine = hh
    ? h(
        'p',
        {},
        '世帯: ',
        linkButton(
          `${hh.name}（${hh.id}）を開く`,
          () => void run(() => openTarget({ kind: 'household', id: hh.id })),
        ),
      )
    : h('p', { class: 'absent' }, '世帯情報なし');
  return {
    title: `${p.name}（${p.id}）`,
    body: [
      membersTable(
        `${p.name}の4分野の記録`,
        [{ member: p, path: ['person'] }],
        errors,
        today,
        emergency.actionFor,
      ),
      householdLine,
      casesSection(p.cases, errors.codeAt(['person', 'cases'])),
      otherErrors(errors),
    ],
  };
}

async function openTarget(target: Target, options: { keepFocus?: boolean } = {}): Promise<void> {
  state.target = target;
  const view = byId('view');
  view.setAttribute('aria-busy', 'true');
  try {
    const today = new Date();
    const shown = await (target.kind === 'household' ? householdBody : personBody)(target.id, today);
    if (!shown) return;
    showAlert(null);
    byId('view-title').textContent = shown.title;
    const inWindow = target.kind === 'person' ? emergency.contextText(target.id) : null;
    byId('view-context').textContent = inWindow ?? contextText();
    byId('view-context').dataset.meeting = state.meetingId ?? '';
    if (inWindow) byId('view-context').dataset.emergency = 'open';
    else delete byId('view-context').dataset.emergency;
    byId('view-time').textContent =
      `取得日時 ${today.toLocaleString('ja-JP')}（${state.user?.displayName ?? ''}）`;
    byId('view-body').replaceChildren(...shown.body.filter((x): x is HTMLElement => x !== null));
    view.hidden = false;
    announce(`${shown.title} を表示しました。${inWindow ?? contextText()}`);
    if (!options.keepFocus) byId('view-title').focus();
  } finally {
    view.removeAttribute('aria-busy');
  }
}

// ---- wiring ----

/** Runs a user action; an unexpected failure is said in the alert, a sign-out is quiet. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOutError) return;
    showAlert('予期しないエラーが発生しました。ページを再読み込みしてください。');
    console.error(error);
  }
}

function onSubmit(id: string, handler: () => Promise<void>): void {
  const form = byId<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    void run(handler).finally(() => {
      if (button) button.disabled = false;
    });
  });
}

/** 事業評価 (statistics.ts): its own tab, asking with the same token and the same handling. */
const statistics = initStatistics({
  token: () => caller().token,
  ask,
  announce,
  showAlert,
  run,
  displayName: () => state.user?.displayName ?? '',
});

/** 緊急時の閲覧 (emergency.ts): the action, the banner, 福祉課's review page. */
const emergency = initEmergency({
  ask,
  announce,
  run,
  openPerson: (id) => openTarget({ kind: 'person', id }),
  reload: async () => {
    if (state.target) await openTarget(state.target, { keepFocus: true });
  },
});

/** 本人開示の報告書 (disclosure.ts), for 福祉課. */
const disclosure = initDisclosure({ token: () => caller().token, announce, run });

function start(): void {
  onSubmit('dev-sign-in', () => devSignIn(byId<HTMLSelectElement>('dev-staff').value));
  onSubmit('token-sign-in', () => signIn(byId<HTMLTextAreaElement>('token').value));
  onSubmit('context-form', async () => undefined);
  onSubmit('meeting-id-form', () => addMeetingById(byId<HTMLInputElement>('meeting-id').value));
  onSubmit('search-form', () => search(byId<HTMLInputElement>('search-text').value));
  byId('sign-out').addEventListener('click', () => signOut());
  byId('reload').addEventListener('click', () => {
    if (state.target) void run(() => openTarget(state.target as Target));
  });
  byId('print').addEventListener('click', () => window.print());
  void loadDevStaff();
}

start();
