// Bundled into dist/cli/index.js at build time, so a copied bundle still knows its version.
import packageJson from '../../package.json' with { type: 'json' };

export function packageVersion(): string {
  return packageJson.version;
}
