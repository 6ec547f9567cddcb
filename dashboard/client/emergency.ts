/// <reference lib="dom" />
/**
 * 緊急時の閲覧 in the dashboard: the action on a person, the reason form, the banner while
 * a window is open (time left, end early), and 福祉課's review page (open / awaiting
 * review / reviewed, overdue marked, 適切 / 不適切 with a note, lifting a restriction).
 *
 * The page holds the open windows it knows of (the user's own, from myEmergencyWindows
 * at sign-in and from opening one); queries for a window's person go with
 * X-Emergency-Access and without X-Meeting-Id (one basis per request). The gateway
 * decides; the page only says what it asked for.
 */
import {
  DashboardCloseEmergencyAccessDocument,
  DashboardEmergencyReviewsDocument,
  DashboardLiftEmergencyRestrictionDocument,
  DashboardMyEmergencyWindowsDocument,
  DashboardOpenEmergencyAccessDocument,
  DashboardReviewEmergencyAccessDocument,
} from '../generated/graphql';
import type { EmergencyReason, ReviewVerdict } from '../generated/graphql';
import type { Ask, EmergencyWindow, GraphQLErrorBody, Member } from './api';
import {
  EMERGENCY_REASON_LABELS,
  EMERGENCY_REFUSALS,
  EMERGENCY_STATUS_LABELS,
  formatDuration,
  label,
  reasonFor,
  REVIEW_VERDICT_LABELS,
} from '../common/labels';
import { byId, h } from './view';

export interface EmergencyDeps {
  ask: Ask;
  announce(text: string): void;
  run(action: () => Promise<void>): Promise<void>;
  /** Opens the person view of a window's person (after the window opens). */
  openPerson(personId: string): Promise<void>;
  /** Re-reads what is shown (a window ended: the view must show what the gateway now decides). */
  reload(): Promise<void>;
}

const REASON_MAX = 500;

/** Tokyo time, to the minute: 2026年5月3日 14:05. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 9 * 3600 * 1000).toISOString();
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
}

function refusal(errors: readonly GraphQLErrorBody[]): string {
  const code = errors[0]?.extensions?.code;
  return (code && EMERGENCY_REFUSALS[code]) ?? reasonFor(code);
}

interface Held {
  window: EmergencyWindow;
  /** performance.now() when secondsLeft was read: the page's clock may differ from the gateway's. */
  readAt: number;
}

export function initEmergency(deps: EmergencyDeps) {
  /** Open windows by person id. */
  const open = new Map<string, Held>();
  let formPerson: { id: string; name: string } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let coordinator = false;

  const secondsLeft = (held: Held) =>
    Math.max(0, held.window.secondsLeft - Math.floor((performance.now() - held.readAt) / 1000));

  function hold(w: EmergencyWindow): void {
    if (!w.person) return;
    if (w.status === 'OPEN' && w.secondsLeft > 0)
      open.set(w.person.id, { window: w, readAt: performance.now() });
    else open.delete(w.person.id);
  }

  // ---- the banner ----

  function renderBanner(): void {
    const banner = byId('emergency-banner');
    banner.hidden = open.size === 0;
    byId('emergency-banner-list').replaceChildren(
      ...[...open.values()].map((held) => {
        const w = held.window;
        const who = w.person ? `${w.person.name}（${w.person.id}）` : '';
        const end = h('button', { type: 'button', class: 'emergency-end' }, '閲覧を終了する');
        end.addEventListener('click', () => void deps.run(() => close(w)));
        const show = h('button', { type: 'button', class: 'link-button' }, 'この人の記録を開く');
        show.addEventListener('click', () => void deps.run(() => deps.openPerson(w.person?.id ?? '')));
        return h(
          'li',
          { 'data-window': w.id },
          h('span', { class: 'emergency-who' }, who),
          h(
            'span',
            { class: 'emergency-time' },
            `残り ${formatDuration(secondsLeft(held))}（${formatDateTime(w.expiresAt)} まで）`,
          ),
          h(
            'span',
            { class: 'emergency-reason' },
            `${label(EMERGENCY_REASON_LABELS, w.reasonCategory)}：${w.reason}`,
          ),
          h('span', { class: 'emergency-actions' }, show, end),
        );
      }),
    );
  }

  /** Every second: the time left, and a window that ran out is dropped (and the view re-read). */
  function tick(): void {
    let expired = false;
    for (const [personId, held] of open)
      if (secondsLeft(held) === 0) {
        open.delete(personId);
        expired = true;
      }
    renderBanner();
    if (expired) {
      deps.announce('緊急時の閲覧の期間が終わりました。');
      void deps.run(deps.reload);
    }
    if (!open.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  function startTimer(): void {
    renderBanner();
    if (open.size && !timer) timer = setInterval(tick, 1000);
  }

  async function close(w: EmergencyWindow): Promise<void> {
    const result = await deps.ask(DashboardCloseEmergencyAccessDocument, {
      windowId: w.id,
      expectedVersion: w.version,
    });
    if (!result) return;
    const closed = result.data?.closeEmergencyAccess;
    // Closed now, or already ended elsewhere: either way it gives nothing any more.
    if (w.person) open.delete(w.person.id);
    if (closed && coordinator) void refreshReviews();
    renderBanner();
    deps.announce(
      closed
        ? `緊急時の閲覧を終了しました（${w.person?.name ?? ''}）。`
        : `緊急時の閲覧を終了できませんでした: ${refusal(result.errors)}`,
    );
    await deps.reload();
  }

  // ---- the reason form ----

  function showForm(person: { id: string; name: string }): void {
    formPerson = person;
    const panel = byId('emergency-form-panel');
    byId('emergency-person').textContent = `対象者：${person.name}（宛名番号 ${person.id}）`;
    byId<HTMLFormElement>('emergency-form').reset();
    byId('emergency-form-result').textContent = '';
    updateCount();
    panel.hidden = false;
    byId('emergency-form-title').focus();
  }

  function hideForm(): void {
    formPerson = null;
    byId('emergency-form-panel').hidden = true;
  }

  function updateCount(): void {
    const n = byId<HTMLTextAreaElement>('emergency-reason').value.length;
    byId('emergency-reason-count').textContent = `${n} / ${REASON_MAX}字`;
  }

  async function submitForm(): Promise<void> {
    const person = formPerson;
    if (!person) return;
    const result = byId('emergency-form-result');
    const category = document.querySelector<HTMLInputElement>(
      'input[name="emergency-category"]:checked',
    )?.value;
    const reason = byId<HTMLTextAreaElement>('emergency-reason').value.trim();
    const hours = Number(byId<HTMLSelectElement>('emergency-hours').value);
    if (!category) return void (result.textContent = '理由の区分を選んでください。');
    if (!reason) return void (result.textContent = '理由を記入してください（必須）。');
    if (reason.length > REASON_MAX)
      return void (result.textContent = `理由は${REASON_MAX}字以内で記入してください。`);
    // Opening is not done in a meeting: the window is its own basis.
    const opened = await deps.ask(
      DashboardOpenEmergencyAccessDocument,
      // The radios' values are the reasons the page offers (the gateway checks them again).
      { input: { personId: person.id, reasonCategory: category as EmergencyReason, reason, hours } },
      { meetingId: null },
    );
    if (!opened) return;
    const w = opened.data?.openEmergencyAccess;
    if (!w) {
      result.textContent = `開始できませんでした: ${refusal(opened.errors)}`;
      return;
    }
    hold(w);
    hideForm();
    startTimer();
    deps.announce(`緊急時の閲覧を開始しました（${person.name}、${formatDuration(w.secondsLeft)}）。`);
    await deps.openPerson(person.id);
  }

  // ---- 福祉課's review page ----

  function reviewForm(w: EmergencyWindow): HTMLElement {
    const id = `review-${w.id}`;
    const radio = (verdict: string) =>
      h(
        'span',
        { class: 'verdict-option' },
        h('input', {
          type: 'radio',
          name: `${id}-verdict`,
          id: `${id}-${verdict}`,
          value: verdict,
          required: true,
        }),
        h('label', { for: `${id}-${verdict}` }, REVIEW_VERDICT_LABELS[verdict] ?? verdict),
      );
    const note = h('textarea', { id: `${id}-note`, rows: '2', maxlength: '2000', required: true });
    const message = h('p', { class: 'hint', 'aria-live': 'polite' });
    const form = h(
      'form',
      { class: 'review-form', 'aria-label': `${w.id} の審査` },
      h('fieldset', {}, h('legend', {}, '審査の結果'), radio('APPROPRIATE'), radio('INAPPROPRIATE')),
      h('label', { for: `${id}-note` }, '所見（必須）'),
      note,
      h('button', { type: 'submit' }, '審査を記録'),
      message,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const verdict = form.querySelector<HTMLInputElement>(`input[name="${id}-verdict"]:checked`)?.value;
      if (!verdict || !note.value.trim()) {
        message.textContent = '審査の結果と所見を入力してください。';
        return;
      }
      void deps.run(async () => {
        const r = await deps.ask(DashboardReviewEmergencyAccessDocument, {
          windowId: w.id,
          expectedVersion: w.version,
          verdict: verdict as ReviewVerdict,
          note: note.value.trim(),
        });
        if (!r) return;
        if (!r.data?.reviewEmergencyAccess) {
          message.textContent = `記録できませんでした: ${refusal(r.errors)}`;
          return;
        }
        deps.announce(`${w.id} の審査を記録しました（${REVIEW_VERDICT_LABELS[verdict] ?? verdict}）。`);
        await refreshReviews();
      });
    });
    return form;
  }

  function liftForm(w: EmergencyWindow): HTMLElement {
    const id = `lift-${w.id}`;
    const note = h('textarea', { id: `${id}-note`, rows: '2', maxlength: '2000', required: true });
    const message = h('p', { class: 'hint', 'aria-live': 'polite' });
    const form = h(
      'form',
      { class: 'review-form', 'aria-label': `${w.id} の制限の解除` },
      h(
        'p',
        { class: 'restricted' },
        '不適切と審査されたため、この職員は新たな緊急時の閲覧を開始できません。',
      ),
      h('label', { for: `${id}-note` }, '解除の理由（面談の記録など・必須）'),
      note,
      h('button', { type: 'submit' }, '制限を解除'),
      message,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!note.value.trim()) {
        message.textContent = '解除の理由を入力してください。';
        return;
      }
      void deps.run(async () => {
        const r = await deps.ask(DashboardLiftEmergencyRestrictionDocument, {
          windowId: w.id,
          expectedVersion: w.version,
          note: note.value.trim(),
        });
        if (!r) return;
        if (!r.data?.liftEmergencyRestriction) {
          message.textContent = `解除できませんでした: ${refusal(r.errors)}`;
          return;
        }
        deps.announce(`${w.staffId} の緊急時の閲覧の制限を解除しました。`);
        await refreshReviews();
      });
    });
    return form;
  }

  function reviewRow(w: EmergencyWindow): HTMLElement {
    const lifted = w.history.some((e) => e.action === 'RESTRICTION_LIFTED');
    let action: HTMLElement | null = null;
    if (w.status === 'AWAITING_REVIEW') action = reviewForm(w);
    else if (w.status === 'OPEN') {
      const end = h('button', { type: 'button' }, '終了させる');
      end.addEventListener('click', () => void deps.run(() => close(w).then(refreshReviews)));
      action = end;
    } else if (w.review?.verdict === 'INAPPROPRIATE' && !lifted) action = liftForm(w);
    return h(
      'tr',
      { 'data-window': w.id, 'data-status': w.status, 'data-overdue': String(w.overdue) },
      h('td', {}, formatDateTime(w.openedAt), h('br'), h('span', { class: 'hint' }, w.id)),
      h('td', {}, w.agency?.name ?? '', h('br'), w.staffId),
      h('td', {}, w.person ? `${w.person.name}（${w.person.id}）` : ''),
      h('td', {}, h('strong', {}, label(EMERGENCY_REASON_LABELS, w.reasonCategory)), h('br'), w.reason),
      h(
        'td',
        {},
        w.status === 'OPEN'
          ? `${formatDateTime(w.expiresAt)} まで（残り ${formatDuration(w.secondsLeft)}）`
          : `${formatDateTime(w.endedAt)} ${w.closedAt ? '終了' : '期限切れ'}`,
      ),
      h(
        'td',
        {},
        h(
          'span',
          { class: 'status-badge', 'data-status': w.status },
          label(EMERGENCY_STATUS_LABELS, w.status),
        ),
        w.overdue && h('span', { class: 'overdue-badge' }, '審査期限超過'),
        w.review &&
          h(
            'span',
            { class: 'review-result' },
            `${REVIEW_VERDICT_LABELS[w.review.verdict] ?? w.review.verdict}：${w.review.note}`,
          ),
        lifted && h('span', { class: 'review-result' }, '制限は解除済み'),
      ),
      h('td', {}, action),
    );
  }

  function reviewTable(
    title: string,
    status: EmergencyWindow['status'],
    all: EmergencyWindow[],
  ): HTMLElement {
    const rows = all.filter((w) => w.status === status);
    const overdue = rows.filter((w) => w.overdue).length;
    return h(
      'section',
      { class: 'review-group', 'data-status': status },
      h('h3', {}, `${title}（${rows.length}件${overdue ? `、うち審査期限超過 ${overdue}件` : ''}）`),
      rows.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'reviews' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['開始', '機関・職員', '対象者', '理由', '期限・終了', '状態', '操作'].map((t) =>
                    h('th', { scope: 'col' }, t),
                  ),
                ),
              ),
              h('tbody', {}, rows.map(reviewRow)),
            ),
          )
        : h('p', { class: 'absent' }, 'ありません'),
    );
  }

  async function refreshReviews(): Promise<void> {
    if (!coordinator) return;
    const result = await deps.ask(
      DashboardEmergencyReviewsDocument,
      {},
      {
        meetingId: null,
      },
    );
    const all = result?.data?.emergencyReviews;
    const body = byId('emergency-reviews-body');
    if (!all) {
      body.replaceChildren(
        h('p', { class: 'absent' }, `一覧を表示できません: ${refusal(result?.errors ?? [])}`),
      );
      return;
    }
    // Overdue first within each group: they are the ones a coordinator must act on.
    const sorted = [...all].sort((a, b) => Number(b.overdue) - Number(a.overdue));
    body.replaceChildren(
      reviewTable('審査待ち', 'AWAITING_REVIEW', sorted),
      reviewTable('閲覧中', 'OPEN', sorted),
      reviewTable('審査済み', 'REVIEWED', sorted),
    );
  }

  // ---- wiring ----

  byId<HTMLFormElement>('emergency-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const button = byId<HTMLButtonElement>('emergency-submit');
    button.disabled = true;
    void deps.run(submitForm).finally(() => {
      button.disabled = false;
    });
  });
  byId('emergency-reason').addEventListener('input', updateCount);
  byId('emergency-cancel').addEventListener('click', hideForm);
  byId('emergency-reviews-reload').addEventListener('click', () => void deps.run(refreshReviews));

  return {
    async signedIn(role: string | null): Promise<void> {
      coordinator = role === 'COORDINATOR';
      byId('emergency-reviews').hidden = !coordinator;
      const mine = await deps.ask(
        DashboardMyEmergencyWindowsDocument,
        {},
        {
          meetingId: null,
        },
      );
      for (const w of mine?.data?.myEmergencyWindows ?? []) hold(w);
      startTimer();
      await refreshReviews();
    },
    signedOut(): void {
      open.clear();
      coordinator = false;
      if (timer) clearInterval(timer);
      timer = null;
      hideForm();
      renderBanner();
      byId('emergency-reviews').hidden = true;
      byId('emergency-reviews-body').replaceChildren();
    },
    /** The open window for this person, whose id goes with queries about them. */
    windowFor(personId: string): string | null {
      const held = open.get(personId);
      return held && secondsLeft(held) > 0 ? held.window.id : null;
    },
    contextText(personId: string): string | null {
      const held = open.get(personId);
      if (!held) return null;
      const w = held.window;
      return `緊急時の閲覧として表示しています（${label(EMERGENCY_REASON_LABELS, w.reasonCategory)}：${w.reason}、${formatDateTime(w.expiresAt)} まで）。`;
    },
    /** The 「緊急時の閲覧」 button on a member of the household or person view. */
    actionFor(member: Pick<Member, 'id' | 'name'>): HTMLElement {
      const active = open.has(member.id);
      const b = h(
        'button',
        { type: 'button', class: 'emergency-action', 'aria-label': `${member.name}さんの緊急時の閲覧` },
        active ? '緊急時の閲覧中' : '緊急時の閲覧',
      );
      b.addEventListener('click', () =>
        active ? void deps.run(() => deps.openPerson(member.id)) : showForm(member),
      );
      return b;
    },
  };
}

export type Emergency = ReturnType<typeof initEmergency>;
