/**
 * A fake GitHub REST API on 127.0.0.1: the few endpoints the action calls (issue comments, pull
 * requests, labels, PR files), with GitHub's paging (per_page/page + Link header), status codes and
 * error bodies. Anything else answers 404 and is recorded in `unhandled` so tests can fail on it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: { login: string };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  head: { ref: string; label: string; repo: { full_name: string } };
  base: { ref: string };
  html_url: string;
  labels: { name: string }[];
  files: FakePullFile[];
}

/** A changed file; a rename names its old path. */
export type FakePullFile = string | { filename: string; previous_filename?: string };

export interface FakeRequest {
  method: string;
  path: string;
  query: string;
}

export interface FakeGitHub {
  /** Base URL for GITHUB_API_URL. */
  url: string;
  token: string;
  readOnlyToken: string;
  /** A personal access token: it may read /user, and comments it writes are by `userLogin`. */
  userToken: string;
  userLogin: string;
  owner: string;
  repo: string;
  requests: FakeRequest[];
  unhandled: string[];
  comments(issueNumber: number): FakeComment[];
  pulls(): FakePull[];
  addPullRequest(p: {
    head: string;
    base?: string;
    title?: string;
    files?: FakePullFile[];
    headRepo?: string;
  }): FakePull;
  addComment(issueNumber: number, body: string, login?: string): FakeComment;
  stop(): Promise<void>;
}

const commentBody = z.object({ body: z.string().min(1) });
const pullCreate = z.object({
  title: z.string().min(1),
  head: z.string().min(1),
  base: z.string().min(1),
  body: z.string().optional(),
  maintainer_can_modify: z.boolean().optional(),
  draft: z.boolean().optional(),
});
const pullUpdate = z.object({
  title: z.string().optional(),
  body: z.string().optional(),
  state: z.enum(['open', 'closed']).optional(),
  base: z.string().optional(),
});
const labelsBody = z.object({ labels: z.array(z.string().min(1)).min(1) });

export async function startFakeGitHub(
  options: {
    token?: string;
    /** A token that may read but not write, like a job token without `pull-requests: write`. */
    readOnlyToken?: string;
    userToken?: string;
    userLogin?: string;
    owner?: string;
    repo?: string;
  } = {},
): Promise<FakeGitHub> {
  const token = options.token ?? 'ghs_fake_token';
  const readOnlyToken = options.readOnlyToken ?? 'ghs_read_only_token';
  const userToken = options.userToken ?? 'ghp_user_token';
  const userLogin = options.userLogin ?? 'docs-bot-user';
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'docs';
  const full = `${owner}/${repo}`;
  const comments: FakeComment[] = [];
  const pulls: FakePull[] = [];
  const requests: FakeRequest[] = [];
  const unhandled: string[] = [];
  let nextIssue = 1;
  let nextComment = 1000;
  let base = '';
  const web = 'https://github.com';
  const now = () => new Date().toISOString();

  const addComment = (issueNumber: number, body: string, login = 'github-actions[bot]'): FakeComment => {
    const id = nextComment++;
    const c: FakeComment = {
      id,
      issue_number: issueNumber,
      body,
      user: { login },
      html_url: `${web}/${full}/pull/${issueNumber}#issuecomment-${id}`,
      created_at: now(),
      updated_at: now(),
    };
    comments.push(c);
    return c;
  };

  const addPullRequest: FakeGitHub['addPullRequest'] = (p) => {
    const number = nextIssue++;
    const pr: FakePull = {
      number,
      state: 'open',
      title: p.title ?? `PR ${number}`,
      body: '',
      head: { ref: p.head, label: `${owner}:${p.head}`, repo: { full_name: p.headRepo ?? full } },
      base: { ref: p.base ?? 'main' },
      html_url: `${web}/${full}/pull/${number}`,
      labels: [],
      files: p.files ?? [],
    };
    pulls.push(pr);
    return pr;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => send(res, 500, { message: String(e) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, query: url.search });
    const auth = req.headers.authorization;
    if (auth === `token ${readOnlyToken}` && method !== 'GET') {
      return send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    if (auth !== `token ${token}` && auth !== `token ${readOnlyToken}` && auth !== `token ${userToken}`) {
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    // Installation tokens (the job token) cannot read /user; a user's token can.
    if (url.pathname === '/user' && method === 'GET') {
      if (auth !== `token ${userToken}`) {
        return send(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        });
      }
      return send(res, 200, { login: userLogin, id: 7, type: 'User' });
    }
    const author = auth === `token ${userToken}` ? userLogin : 'github-actions[bot]';
    const prefix = `/repos/${full}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
    const body = method === 'GET' ? undefined : await readJson(req);
    let m: RegExpMatchArray | null;

    if (path !== undefined && method === 'GET' && (m = path.match(/^\/issues\/(\d+)\/comments$/))) {
      const n = Number(m[1]);
      return sendPage(
        res,
        url,
        comments.filter((c) => c.issue_number === n),
      );
    }
    if (path !== undefined && method === 'POST' && (m = path.match(/^\/issues\/(\d+)\/comments$/))) {
      const n = Number(m[1]);
      if (!pulls.some((p) => p.number === n)) return send(res, 404, { message: 'Not Found' });
      const b = commentBody.safeParse(body);
      if (!b.success) return validationFailed(res, b.error.message);
      return send(res, 201, addComment(n, b.data.body, author));
    }
    if (path !== undefined && method === 'PATCH' && (m = path.match(/^\/issues\/comments\/(\d+)$/))) {
      const c = comments.find((x) => x.id === Number(m?.[1]));
      if (!c) return send(res, 404, { message: 'Not Found' });
      if (c.user.login !== author)
        return send(res, 403, { message: 'Resource not accessible by integration' });
      const b = commentBody.safeParse(body);
      if (!b.success) return validationFailed(res, b.error.message);
      c.body = b.data.body;
      c.updated_at = now();
      return send(res, 200, c);
    }
    if (path !== undefined && method === 'POST' && (m = path.match(/^\/issues\/(\d+)\/labels$/))) {
      const pr = pulls.find((p) => p.number === Number(m?.[1]));
      if (!pr) return send(res, 404, { message: 'Not Found' });
      const b = labelsBody.safeParse(body);
      if (!b.success) return validationFailed(res, b.error.message);
      for (const name of b.data.labels) if (!pr.labels.some((l) => l.name === name)) pr.labels.push({ name });
      return send(res, 200, pr.labels);
    }
    if (path === '/pulls' && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const baseRef = url.searchParams.get('base');
      return sendPage(
        res,
        url,
        pulls.filter(
          (p) =>
            (state === 'all' || p.state === state) &&
            (!head || p.head.label === head) &&
            (!baseRef || p.base.ref === baseRef),
        ),
      );
    }
    if (path === '/pulls' && method === 'POST') {
      const b = pullCreate.safeParse(body);
      if (!b.success) return validationFailed(res, b.error.message);
      const label = b.data.head.includes(':') ? b.data.head : `${owner}:${b.data.head}`;
      if (pulls.some((p) => p.state === 'open' && p.head.label === label && p.base.ref === b.data.base)) {
        return validationFailed(res, `A pull request already exists for ${label}.`);
      }
      const pr = addPullRequest({
        head: label.split(':')[1] ?? b.data.head,
        base: b.data.base,
        title: b.data.title,
      });
      pr.body = b.data.body ?? '';
      return send(res, 201, pr);
    }
    if (
      path !== undefined &&
      (m = path.match(/^\/pulls\/(\d+)$/)) &&
      (method === 'PATCH' || method === 'GET')
    ) {
      const pr = pulls.find((p) => p.number === Number(m?.[1]));
      if (!pr) return send(res, 404, { message: 'Not Found' });
      if (method === 'PATCH') {
        const b = pullUpdate.safeParse(body);
        if (!b.success) return validationFailed(res, b.error.message);
        if (b.data.title !== undefined) pr.title = b.data.title;
        if (b.data.body !== undefined) pr.body = b.data.body;
        if (b.data.state !== undefined) pr.state = b.data.state;
        if (b.data.base !== undefined) pr.base.ref = b.data.base;
      }
      return send(res, 200, pr);
    }
    if (path !== undefined && method === 'GET' && (m = path.match(/^\/pulls\/(\d+)\/files$/))) {
      const pr = pulls.find((p) => p.number === Number(m?.[1]));
      if (!pr) return send(res, 404, { message: 'Not Found' });
      return sendPage(
        res,
        url,
        pr.files.map((f) =>
          typeof f === 'string'
            ? { filename: f, status: 'modified', additions: 1, deletions: 1, changes: 2 }
            : {
                ...f,
                status: f.previous_filename ? 'renamed' : 'modified',
                additions: 0,
                deletions: 0,
                changes: 0,
              },
        ),
      );
    }
    unhandled.push(`${method} ${url.pathname}${url.search}`);
    return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    token,
    readOnlyToken,
    userToken,
    userLogin,
    owner,
    repo,
    requests,
    unhandled,
    comments: (n) => comments.filter((c) => c.issue_number === n),
    pulls: () => pulls,
    addPullRequest,
    addComment,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** GitHub's paging: per_page (default 30, max 100), page (1-based), Link header with rel="next"/"last". */
function sendPage(res: ServerResponse, url: URL, items: unknown[]): void {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    links.push(`<${u.toString()}>; rel="${rel}"`);
  };
  if (page < last) {
    link(page + 1, 'next');
    link(last, 'last');
  }
  if (links.length > 0) res.setHeader('link', links.join(', '));
  send(res, 200, items.slice((page - 1) * perPage, page * perPage));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function validationFailed(res: ServerResponse, message: string): void {
  send(res, 422, {
    message: 'Validation Failed',
    errors: [{ message }],
    documentation_url: 'https://docs.github.com/rest',
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
