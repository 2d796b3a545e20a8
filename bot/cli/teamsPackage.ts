import path from 'node:path';
import { parseCommand, runCommand } from './command';
import { ConfigError, PROJECT_ROOT, withEnvFile } from '../config';
import { DEFAULT_PACKAGE, LOCAL_PUBLIC_URL, TeamsPackageError, buildTeamsPackage, readTeamsSettings } from '../teamsPackage';

const USAGE = `Usage: npm run teams:package [-- --app-id GUID] [--public-url https://HOST] [--out PATH]
  The app id defaults to MicrosoftAppId and the public URL to BOT_PUBLIC_URL (environment or .env).
  Writes ${path.relative(PROJECT_ROOT, DEFAULT_PACKAGE)} unless --out says otherwise.
`;

/** Relative to the working directory when inside it, else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function main(argv: string[]): number {
  const args = parseCommand('teams:package', USAGE, argv, { 'app-id': { type: 'string' }, 'public-url': { type: 'string' }, out: { type: 'string' } });
  if (typeof args === 'number') return args;
  const option = (name: string) => (typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined);
  // The same configuration as the bot (including .env), so the package carries the app id the bot runs with.
  const settings = readTeamsSettings(withEnvFile(), { appId: option('app-id'), publicUrl: option('public-url') });
  if (settings.publicUrlIsDefault) {
    process.stderr.write(
      `Note: BOT_PUBLIC_URL is not set, so the app's website, privacy and terms-of-use links point at ${LOCAL_PUBLIC_URL}/.\n` +
        '      Fine for sideloading a test; set BOT_PUBLIC_URL (or --public-url) to the bot\'s public https address before sharing the app.\n',
    );
  }
  const outFile = path.resolve(option('out') ?? DEFAULT_PACKAGE);
  const result = buildTeamsPackage({ appId: settings.appId, publicUrl: settings.publicUrl, outFile });
  process.stdout.write(
    `Wrote ${displayPath(result.outFile)}: ${result.files.join(', ')}\n` +
      `  manifest ${String(result.manifest.manifestVersion)}, app and bot id ${settings.appId}, links to ${settings.publicUrl}/\n`,
  );
  return 0;
}

runCommand(
  () => main(process.argv.slice(2)),
  (error) => (error instanceof ConfigError || error instanceof TeamsPackageError ? error.message : undefined),
);
