/**
 * Authentication as Confluence does it. Cloud: Basic base64(email:api_token), anything else is a
 * 401 text/plain. Data Center: a personal access token as Bearer (Basic username:token also works).
 */
import type { IncomingMessage } from 'node:http';
import type { Flavor } from './http-kit.js';

export interface EmulatorUser {
  username: string;
  token: string;
}

export interface AuthenticatedUser {
  username: string;
  accountId: string;
}

export const CLOUD_401_TEXT =
  'Basic authentication with passwords is deprecated.  For more information, see: https://confluence.atlassian.com/cloud/deprecation-of-basic-authentication-with-passwords-for-jira-and-confluence-apis-972355348.html';
export const DC_401_TEXT = 'Basic Authentication Failure - Reason : AUTHENTICATED_FAILED';

export function accountIdFor(username: string): string {
  return `557058:emulator-${username.replace(/[^A-Za-z0-9]/g, '-')}`;
}

export function authenticate(
  req: IncomingMessage,
  flavor: Flavor,
  users: EmulatorUser[],
): AuthenticatedUser | null {
  const header = req.headers.authorization ?? '';
  const [scheme, value = ''] = header.split(' ', 2);
  let user: EmulatorUser | undefined;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const username = decoded.slice(0, colon);
      const token = decoded.slice(colon + 1);
      user = users.find((u) => u.username === username && u.token === token);
    }
  } else if (scheme?.toLowerCase() === 'bearer' && flavor === 'datacenter') {
    user = users.find((u) => u.token === value);
  }
  return user ? { username: user.username, accountId: accountIdFor(user.username) } : null;
}
