/**
 * What every state machine of the workflow answers (consent/, case/, plan/, meeting/
 * machine.ts): the state an event leads to, or why it may not fire. Pure.
 */

export type Transition<S> = { ok: true; to: S } | { ok: false; message: string };

export const illegal = <S>(event: string, from: string, allowed: readonly string[]): Transition<S> => ({
  ok: false,
  message: `${event} is not possible from ${from}; only from ${allowed.join(' or ') || 'nowhere'}`,
});
