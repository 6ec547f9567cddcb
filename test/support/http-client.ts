/** Raw HTTP against a GraphQL endpoint, for tests that send what a client library would not. */
import { mintDevToken } from '../../town/dev-idp';

export interface Reply {
  status: number;
  text: string;
  json: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
}

export interface HttpClient {
  url: string;
  post(
    body: unknown,
    headers?: Record<string, string>,
    init?: { method?: string; rawBody?: string },
  ): Promise<Reply>;
  query(query: string, variables?: Record<string, unknown>, as?: string, meeting?: string): Promise<Reply>;
}

export function httpClient(url: string): HttpClient {
  const post: HttpClient['post'] = async (body, headers = {}, init = {}) => {
    const res = await fetch(url, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(init.method === 'GET' ? {} : { body: init.rawBody ?? JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Reply['json'] = {};
    try {
      json = JSON.parse(text) as Reply['json'];
    } catch {
      // not JSON: left empty, the text is there
    }
    return { status: res.status, text, json };
  };
  return {
    url,
    post,
    async query(query, variables = {}, as, meeting) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = `Bearer ${await mintDevToken(as)}`;
      if (meeting) headers['x-meeting-id'] = meeting;
      return post({ query, variables }, headers);
    },
  };
}
