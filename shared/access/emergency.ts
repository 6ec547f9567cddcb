/**
 * 緊急時の閲覧: an emergency access window, as the gateway's decision sees it.
 *
 * Where life, body or property is in danger and no 支援会議 can be convened in time,
 * 個人情報保護法's exception to the limits on use and provision (利用・提供の制限の例外:
 * 人の生命、身体又は財産の保護のために必要がある場合であって、本人の同意を得ることが困難
 * であるとき) allows disclosure without consent. DOMAIN.md models it as a window: one staff
 * member, one person, a declared reason, a short time, audited, reviewed by 福祉課.
 */
import type { Principal } from './facts';

/** The window the request acts in (`X-Emergency-Access`), as the 重層 subgraph keeps it. */
export interface EmergencyFacts {
  id: string;
  personId: string;
  staffId: string;
  agencyId: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string | null;
}

/**
 * Open for this staff member now: not closed, not expired, and theirs — the same staff
 * member of the same agency. A window id of someone else reads as not open, so window
 * ids cannot be borrowed or probed.
 */
export function isOpenWindowOf(
  window: EmergencyFacts | null,
  principal: Principal,
  now: Date,
): window is EmergencyFacts {
  if (!window || window.closedAt !== null) return false;
  if (window.staffId !== principal.staffId || window.agencyId !== principal.agency.id) return false;
  const opened = Date.parse(window.openedAt);
  const expires = Date.parse(window.expiresAt);
  return opened <= now.getTime() && now.getTime() < expires;
}
