/// <reference lib="dom" />
/**
 * The household dashboard in the browser: sign in (demo staff picker or a pasted token),
 * choose where to act (outside any meeting, or in an open meeting of one's agency), find a
 * household or person, and see each member across the four fields with what is withheld
 * and why. The token lives in this page's memory only: closing or reloading the page
 * signs out.
 */
import type {
  Caller,
  GraphQLErrorBody,
  GraphQLResult,
  HouseholdView,
  MeetingDetail,
  MeetingSummary,
  PersonView,
  Ref,
  SearchHit,
} from './api';
import {
  ErrorIndex,
  GatewayUnreachableError,
  graphql,
  HOUSEHOLD,
  MEETING,
  PERSON,
  SEARCH,
  SIGN_IN,
} from './api';
import {
  formatDate,
  label,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  reasonFor,
  searchText,
} from './labels';
import { agendaList, byId, casesSection, h, membersTable, searchResults } from './view';

type Target = { kind: 'household' | 'person'; id: string };

interface SignedIn {
  token: string;
  staffId: string;
  displayName: string;
}

const state: {
  user: SignedIn | null;
  meetings: MeetingSummary[];
  meetingId: string | null;
  target: Target | null;
} = { user: null, meetings: [], meetingId: null, target: null };

const OUTSIDE = '';

// ---- messages ----

function announce(text: string): void {
  byId('status').textContent = text;
}

function showAlert(text: string | null): void {
  const el = byId('alert');
  el.textContent = text ?? '';
  el.hidden = !text;
}

class SignedOutError extends Error {}

function caller(): Caller {
  if (!state.user) throw new SignedOutError();
  return { token: state.user.token, meetingId: state.meetingId };
}

/**
 * A query as the signed-in user. A refused token signs out; other request-level errors
 * (no data at all) are shown in the alert and returned as null.
 */
async function ask<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T> | null> {
  try {
    const result = await graphql<T>(caller(), query, variables);
    if (
      result.status === 401 ||
      result.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && !e.path)
    ) {
      signOut(
        'サインインの有効期限が切れたか、トークンが認められませんでした。もう一度サインインしてください。',
      );
      return null;
    }
    if (result.data === null) {
      showAlert(`表示できませんでした: ${describe(result.errors)}`);
      return null;
    }
    return result;
  } catch (error) {
    if (error instanceof GatewayUnreachableError) {
      showAlert('ゲートウェイに接続できませんでした。ネットワークとサーバーの状態を確認してください。');
      return null;
    }
    throw error;
  }
}

function describe(errors: GraphQLErrorBody[]): string {
  const reasons = [...new Set(errors.map((e) => reasonFor(e.extensions?.code)))];
  return reasons.join('／') || '理由不明';
}

// ---- sign-in ----

/** Display-only look at a JWT's claims (the gateway verifies it; the page never trusts it). */
function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function loadDevStaff(): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/dev-idp/staff', { cache: 'no-store' });
  } catch {
    return;
  }
  // 404: the demo sign-in is off (production, or DEV_IDP_SIGNIN not set).
  if (!response.ok) return;
  const { staff } = (await response.json()) as {
    staff: { id: string; name: string; agencyName: string }[];
  };
  const select = byId<HTMLSelectElement>('dev-staff');
  select.replaceChildren(
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
  });
  if (!response.ok) {
    showAlert('開発用IDプロバイダーからトークンを受け取れませんでした。');
    return;
  }
  const { token } = (await response.json()) as { token: string };
  await signIn(token);
}

async function signIn(rawToken: string): Promise<void> {
  const token = rawToken.trim().replace(/^Bearer\s+/i, '');
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    showAlert('トークンの形式が正しくありません（JWT を貼り付けてください）。');
    return;
  }
  const claims = claimsOf(token);
  const staffId = typeof claims.sub === 'string' ? claims.sub : '（不明）';
  state.user = { token, staffId, displayName: staffId };
  state.meetingId = null;
  state.target = null;
  showAlert(null);
  const result = await ask<{ myMeetings: MeetingSummary[] | null; agencies: { id: string; name: string }[] }>(
    SIGN_IN,
  );
  if (!state.user) return; // the token was refused: signOut() has said so
  const agency = result?.data?.agencies?.find((a) => a.id === claims.agency)?.name;
  const name = typeof claims.name === 'string' ? claims.name : staffId;
  state.user.displayName = agency ? `${name}（${agency}）` : name;
  state.meetings = result?.data?.myMeetings ?? [];
  const meetingsError = result?.errors.find((e) => e.path?.[0] === 'myMeetings');

  byId('who-text').textContent = `${state.user.displayName} としてサインイン中`;
  byId('who').hidden = false;
  byId('sign-in').hidden = true;
  byId<HTMLTextAreaElement>('token').value = '';
  byId('workspace').hidden = false;
  byId('view').hidden = true;
  byId('search-results').replaceChildren();
  renderContextOptions(meetingsError ? reasonFor(meetingsError.extensions?.code) : null);
  await renderAgenda();
  announce(`${state.user.displayName} としてサインインしました。`);
  byId('context-title').focus();
}

function signOut(message?: string): void {
  state.user = null;
  state.meetings = [];
  state.meetingId = null;
  state.target = null;
  byId('who').hidden = true;
  byId('workspace').hidden = true;
  byId('view').hidden = true;
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
  const m = state.meetings.find((x) => x.id === state.meetingId);
  if (!state.meetingId)
    return '会議外で表示しています（所属機関が支援チームに入っているケースについて、本人の同意の範囲で表示）。';
  return `${m ? meetingText(m) : state.meetingId} の構成員として表示しています。`;
}

function renderContextOptions(meetingsError: string | null): void {
  const open = state.meetings.filter((m) => m.status === 'OPEN');
  const option = (value: string, text: string) => {
    const id = `context-${value || 'outside'}`;
    const input = h('input', {
      type: 'radio',
      name: 'context',
      id,
      value,
      checked: (state.meetingId ?? OUTSIDE) === value,
    });
    input.addEventListener('change', () => void changeContext(value || null));
    return h('div', { class: 'context-option' }, input, h('label', { for: id }, text));
  };
  byId('context-options').replaceChildren(
    option(OUTSIDE, '会議外（担当ケースとして見る）'),
    ...open.map((m) => option(m.id, meetingText(m))),
  );
  const later = state.meetings.length - open.length;
  byId('meetings-note').textContent = meetingsError
    ? `所属機関の会議の一覧を取得できませんでした: ${meetingsError}`
    : open.length
      ? later
        ? `ほかに開催予定の会議が${later}件あります（開催中になると選べます）。`
        : ''
      : '所属機関が構成員となっている開催中の会議はありません。';
}

async function renderAgenda(): Promise<void> {
  const box = byId('agenda');
  if (!state.meetingId) {
    box.replaceChildren();
    return;
  }
  const result = await ask<{ meeting: MeetingDetail | null }>(MEETING, { id: state.meetingId });
  if (!result) return;
  const code = new ErrorIndex(result.errors).codeAt(['meeting']);
  if (code || !result.data?.meeting) {
    box.replaceChildren(h('p', { class: 'absent' }, `議題を表示できません: ${reasonFor(code)}`));
    return;
  }
  box.replaceChildren(agendaList(result.data.meeting, (kind, id) => void openTarget({ kind, id })));
}

async function changeContext(meetingId: string | null): Promise<void> {
  state.meetingId = meetingId;
  announce(meetingId ? `会議 ${meetingId} の構成員として表示します。` : '会議外で表示します。');
  await renderAgenda();
  if (state.target) await openTarget(state.target, { keepFocus: true });
}

// ---- search ----

async function search(raw: string): Promise<void> {
  const text = searchText(raw);
  if (!text) return;
  const box = byId('search-results');
  box.setAttribute('aria-busy', 'true');
  const result = await ask<{
    searchPeople: SearchHit[];
    household: (Ref & { members: Ref[] }) | null;
  }>(SEARCH, { text, id: text });
  box.removeAttribute('aria-busy');
  if (!result?.data) return;
  const hits = result.data.searchPeople ?? [];
  box.replaceChildren(
    searchResults(hits, result.data.household, (kind, id) => void openTarget({ kind, id })),
  );
  announce(`検索結果: ${hits.length}人${result.data.household ? '、世帯1件' : ''}`);
}

// ---- the household (or person) view ----

async function openTarget(target: Target, options: { keepFocus?: boolean } = {}): Promise<void> {
  state.target = target;
  const view = byId('view');
  view.setAttribute('aria-busy', 'true');
  const today = new Date();
  const errorsShown = (errors: ErrorIndex) => {
    const rest = errors.unshown();
    return rest.length
      ? h(
          'div',
          { class: 'other-errors' },
          h('h3', {}, 'ほかに表示できなかった項目'),
          h(
            'ul',
            {},
            rest.map((e) => h('li', {}, `${(e.path ?? []).join('.')}: ${reasonFor(e.extensions?.code)}`)),
          ),
        )
      : null;
  };
  let title: string;
  let body: HTMLElement[];
  if (target.kind === 'household') {
    const result = await ask<{ household: HouseholdView | null }>(HOUSEHOLD, { id: target.id });
    if (!result) return done();
    const errors = new ErrorIndex(result.errors);
    const hh = result.data?.household;
    if (!hh) {
      title = `世帯 ${target.id}`;
      body = [h('p', { class: 'absent' }, '世帯が見つかりません')];
    } else {
      title = `${hh.name}（${hh.id}）`;
      const members = membersTable(
        `${hh.name}の世帯員（${hh.members.length}人）と4分野の記録`,
        hh.members.map((member, i) => ({ member, path: ['household', 'members', i] })),
        errors,
        today,
      );
      body = [
        h('div', { class: 'table-wrap' }, members),
        casesSection(
          hh.cases,
          errors.codeAt(['household', 'cases']),
          reasonFor(errors.codeAt(['household', 'cases'])),
        ),
      ];
      const rest = errorsShown(errors);
      if (rest) body.push(rest);
    }
  } else {
    const result = await ask<{ person: PersonView | null }>(PERSON, { id: target.id });
    if (!result) return done();
    const errors = new ErrorIndex(result.errors);
    const p = result.data?.person;
    if (!p) {
      title = `宛名番号 ${target.id}`;
      body = [h('p', { class: 'absent' }, '該当する人が見つかりません')];
    } else {
      title = `${p.name}（${p.id}）`;
      body = [
        h(
          'div',
          { class: 'table-wrap' },
          membersTable(`${p.name}の4分野の記録`, [{ member: p, path: ['person'] }], errors, today),
        ),
        p.household ? householdLink(p.household) : h('p', { class: 'absent' }, '世帯情報なし'),
        casesSection(
          p.cases,
          errors.codeAt(['person', 'cases']),
          reasonFor(errors.codeAt(['person', 'cases'])),
        ),
      ];
      const rest = errorsShown(errors);
      if (rest) body.push(rest);
    }
  }
  byId('view-title').textContent = title;
  byId('view-context').textContent = contextText();
  byId('view-context').dataset.meeting = state.meetingId ?? '';
  byId('view-time').textContent =
    `取得日時 ${today.toLocaleString('ja-JP')}（${state.user?.displayName ?? ''}）`;
  byId('view-body').replaceChildren(...body);
  view.hidden = false;
  done();
  announce(`${title} を表示しました。${contextText()}`);
  if (!options.keepFocus) byId('view-title').focus();

  function done(): void {
    view.removeAttribute('aria-busy');
  }
}

function householdLink(hh: Ref): HTMLElement {
  const b = h('button', { type: 'button', class: 'link-button' }, `${hh.name}（${hh.id}）を開く`);
  b.addEventListener('click', () => void openTarget({ kind: 'household', id: hh.id }));
  return h('p', {}, '世帯: ', b);
}

// ---- wiring ----

function onSubmit(id: string, handler: (form: HTMLFormElement) => Promise<void>): void {
  const form = byId<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    handler(form)
      .catch((error: unknown) => {
        if (!(error instanceof SignedOutError)) {
          showAlert('予期しないエラーが発生しました。ページを再読み込みしてください。');
          console.error(error);
        }
      })
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}

function start(): void {
  onSubmit('dev-sign-in', () => devSignIn(byId<HTMLSelectElement>('dev-staff').value));
  onSubmit('token-sign-in', () => signIn(byId<HTMLTextAreaElement>('token').value));
  onSubmit('search-form', () => search(byId<HTMLInputElement>('search-text').value));
  onSubmit('context-form', async () => undefined);
  byId('sign-out').addEventListener('click', () => signOut());
  byId('reload').addEventListener('click', () => {
    if (state.target) void openTarget(state.target);
  });
  byId('print').addEventListener('click', () => window.print());
  void loadDevStaff();
}

start();
