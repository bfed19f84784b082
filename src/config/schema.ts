/**
 * The shape of `.confluence-sync.yml`, validated with zod. Profile keys may also sit at the top level:
 * they then apply to every profile (a file with one site needs no `profiles:` section at all).
 */
import { z } from 'zod';

export const CONFLICT_STRATEGIES = ['manual', 'local-first', 'remote-first', 'merge'] as const;
export const ON_LOCAL_DELETE = ['keep', 'archive', 'delete'] as const;
export const FLAVORS = ['cloud', 'datacenter'] as const;

/** A page id: YAML reads 123456 as a number, so both forms are accepted and kept as a string. */
const pageId = z
  .union([z.string().regex(/^\d+$/, 'a numeric page id'), z.number().int().nonnegative()])
  .transform(String);

const patterns = z.array(z.string().min(1));

export const profileShape = {
  confluenceUrl: z.string().min(1),
  flavor: z.enum(FLAVORS),
  spaceKey: z.string().min(1),
  parentPageId: pageId,
  localRoot: z.string().min(1),
  includePatterns: patterns,
  excludePatterns: patterns,
  concurrentOperations: z.number().int().min(1).max(64),
  conflictStrategy: z.enum(CONFLICT_STRATEGIES),
  onLocalDelete: z.enum(ON_LOCAL_DELETE),
  manifestPath: z.string().min(1),
};

export const PROFILE_KEYS = Object.keys(profileShape) as (keyof typeof profileShape)[];

export const profileSchema = z.strictObject(profileShape).partial();
export type ProfileInput = z.infer<typeof profileSchema>;

export const configFileSchema = z
  .strictObject({
    ...profileShape,
    activeProfile: z.string().min(1),
    profiles: z.record(z.string(), profileSchema),
  })
  .partial();
export type ConfigFileInput = z.infer<typeof configFileSchema>;

/** Keys people put in the file by mistake: secrets belong in the environment, never in a committed file. */
export const SECRET_KEYS: Record<string, string> = {
  token: 'CONFLUENCE_API_TOKEN',
  apiToken: 'CONFLUENCE_API_TOKEN',
  password: 'CONFLUENCE_API_TOKEN',
  username: 'CONFLUENCE_USERNAME',
  user: 'CONFLUENCE_USERNAME',
  email: 'CONFLUENCE_USERNAME',
};
