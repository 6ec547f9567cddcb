/**
 * Issue 16: the W3C traceparent on a subgraph request is covered by the gateway's
 * credential (its `tp` claim) — a subgraph refuses a request whose traceparent is not
 * exactly the one the gateway signed: changed, added, removed or doubled.
 */
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { CredentialSubject } from '../../shared/auth/gateway-credential';
import { startTestGraph } from '../support/graph';

const subject: CredentialSubject = {
  staffId: 's-kita-01',
  agency: { id: 'houkatsu-kita', role: 'FIELD', field: 'KAIGO' },
  meetingId: null,
  requestId: 'r-1',
};
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const OTHER = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
const body = '{"query":"{ __typename }"}';

let signer: CredentialSigner;
let verifier: CredentialVerifier;
beforeAll(async () => {
  signer = await CredentialSigner.fromEnv({});
  verifier = await CredentialVerifier.fromEnv('kaigo', {});
});

describe('the credential covers traceparent', () => {
  it('accepts the traceparent it was signed with, and none when none was signed', async () => {
    const traced = await signer.sign('kaigo', subject, body, undefined, { traceparent: TP });
    await expect(verifier.verify(traced, body, { traceparent: TP })).resolves.toMatchObject({
      requestId: 'r-1',
    });
    const untraced = await signer.sign('kaigo', subject, body);
    await expect(verifier.verify(untraced, body, {})).resolves.toMatchObject({ requestId: 'r-1' });
  });

  it.each([
    ['changed', { traceparent: OTHER }],
    ['removed', {}],
    ['doubled', { traceparent: [TP, TP] }],
  ])('refuses a signed traceparent %s', async (_, headers) => {
    const token = await signer.sign('kaigo', subject, body, undefined, { traceparent: TP });
    await expect(verifier.verify(token, body, headers)).rejects.toThrow('does not match the request');
  });

  it('refuses a traceparent added to a credential signed without one', async () => {
    const token = await signer.sign('kaigo', subject, body);
    await expect(verifier.verify(token, body, { traceparent: TP })).rejects.toThrow(
      'does not match the request',
    );
  });

  it('is checked by a running subgraph: an added traceparent makes a valid request a 401', async () => {
    const graph = await startTestGraph({ town: 'empty' });
    try {
      const url = graph.services.kaigo.url;
      const send = async (headers: Record<string, string>) => {
        const token = await signer.sign('kaigo', subject, body, {});
        return (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-juso-gateway-credential': token, ...headers },
            body,
          })
        ).status;
      };
      expect(await send({})).toBe(200);
      expect(await send({ traceparent: TP })).toBe(401);
    } finally {
      await graph.stop();
    }
  });
});
