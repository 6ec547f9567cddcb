/**
 * Staff tokens this gateway has verified lately. A dashboard sends the same token with
 * every request of a session, and verifying it (ES256 by default) was about 4% of the
 * gateway's CPU per household query; verifying it once per session is enough, because a
 * verification's answer can only change when the clock passes the token's `exp` or the
 * key set stops serving the key that verified it.
 *
 * So an entry (the exact token string and the principal it gave) is used only
 * - before the token's `exp`, without the clock tolerance (after it, the token is
 *   verified again and refused or, within the tolerance, accepted as before);
 * - while the key set still returns the very same key for the token's header: a JWKS file
 *   that changed or a remote key set that was fetched again gives new key objects, so a
 *   key removed by the IdP stops every token it signed as soon as the gateway sees the new
 *   set, exactly as without this cache;
 * - at most `maxAgeMs` after the verification, whatever the token's `exp`.
 *
 * Only successes are kept, and at most `max` of them (least recently used go first), so
 * memory does not grow with the number of sessions or with refused tokens.
 */
import { LRUCache } from 'lru-cache';
import type { FlattenedJWSInput, CompactJWSHeaderParameters, JWTVerifyGetKey } from 'jose';
import type { Principal } from '../../shared/access/facts';

/** What a key set hands jwtVerify for a token: the key object itself is the cache's check. */
export type VerifyingKey = Awaited<ReturnType<JWTVerifyGetKey>>;

interface Verified {
  principal: Principal;
  header: CompactJWSHeaderParameters;
  input: FlattenedJWSInput;
  key: VerifyingKey;
  /** ms since the epoch after which the entry is not used. */
  until: number;
}

export interface VerifiedTokenOptions {
  max?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export class VerifiedTokens {
  private readonly entries: LRUCache<string, Verified>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedTokenOptions = {}) {
    this.entries = new LRUCache({ max: options.max ?? 5_000 });
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Remembers a verification: `exp` in seconds, as in the token. */
  remember(token: string, v: Omit<Verified, 'until'> & { exp: number }): void {
    const until = Math.min(v.exp * 1000, this.now() + this.maxAgeMs);
    if (until <= this.now()) return;
    const { principal, header, input, key } = v;
    this.entries.set(token, { principal: { ...principal }, header, input, key, until });
  }

  /** The principal of a token verified before, if that verification still holds; else null. */
  async recall(token: string, keys: JWTVerifyGetKey): Promise<Principal | null> {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (this.now() >= entry.until) {
      this.entries.delete(token);
      return null;
    }
    let key: VerifyingKey;
    try {
      key = await keys(entry.header, entry.input);
    } catch {
      this.entries.delete(token);
      return null;
    }
    if (key !== entry.key) {
      this.entries.delete(token);
      return null;
    }
    return { ...entry.principal };
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The parts of a compact JWS, as a key set's `getKey` receives them. */
export function flattened(token: string): FlattenedJWSInput {
  const [protectedHeader = '', payload = '', signature = ''] = token.split('.');
  return { protected: protectedHeader, payload, signature };
}
