/**
 * How the workflow writes: each mutation is one write of one document, guarded by the
 * version the caller read (optimistic concurrency), with its history entry in the same
 * update. A write that finds the document moved on changes nothing and answers
 * VERSION_CONFLICT.
 */
import { randomUUID } from 'node:crypto';
import type { Collection, Filter, StoredDoc, Update } from '../../../shared/store';
import { DuplicateKeyError } from '../../../shared/store';
import type { JusoContext } from '../context';
import type { HistoryAction, HistoryEntry } from '../model';
import type { Check } from './errors';
import { refuse } from './errors';

/** A new document id: the kind's prefix and a random part (ids are not meant to be guessed). */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export function actor(ctx: JusoContext): { staffId: string; agencyId: string } {
  const p = ctx.access.viewer.principal;
  return { staffId: p.staffId, agencyId: p.agency.id };
}

export function historyEntry(
  ctx: JusoContext,
  action: HistoryAction,
  extra: Partial<Omit<HistoryEntry, 'at' | 'staffId' | 'agencyId' | 'action'>> = {},
): HistoryEntry {
  return {
    at: ctx.now.toISOString(),
    ...actor(ctx),
    action,
    from: null,
    to: null,
    meetingId: null,
    note: null,
    ...extra,
  };
}

/** Documents written before the workflow existed have no version: they read as 0. */
export const versionOf = (doc: { version?: unknown }): number =>
  typeof doc.version === 'number' ? doc.version : 0;

export function checkVersion(what: string, doc: { version?: unknown }, expected: number): Check {
  const current = versionOf(doc);
  return current === expected
    ? null
    : refuse(
        'VERSION_CONFLICT',
        `${what} has changed since you read it (you sent version ${expected}, it is now ${current}): ` +
          'reload it and apply your change again',
      );
}

/**
 * Applies `update` only if the document is still at `expected`, bumping the version in
 * the same write; returns the document as written.
 */
export async function writeVersioned<T extends StoredDoc>(
  collection: Collection<T>,
  what: string,
  id: string,
  expected: number,
  update: Update,
): Promise<T> {
  const filter: Filter = { _id: id, version: expected === 0 ? { $exists: false } : expected };
  const result = await collection.updateOne(filter, { ...update, $inc: { version: 1 } });
  if (result.matchedCount === 0) {
    const now = await collection.findOne({ _id: id });
    throw (
      (now && checkVersion(what, now as { version?: unknown }, expected)) ??
      refuse('VERSION_CONFLICT', `${what} has changed`)
    );
  }
  const written = await collection.findOne({ _id: id });
  if (!written) throw refuse('VERSION_CONFLICT', `${what} has changed`);
  return written;
}

/** Inserts a new document; a clash on a unique key means someone wrote the same version first. */
export async function insertNew<T extends StoredDoc>(
  collection: Collection<T>,
  what: string,
  doc: T,
): Promise<T> {
  try {
    await collection.insertOne(doc);
  } catch (error) {
    if (error instanceof DuplicateKeyError)
      throw refuse(
        'VERSION_CONFLICT',
        `${what} was changed by someone else at the same time: reload and try again`,
      );
    throw error;
  }
  return doc;
}
