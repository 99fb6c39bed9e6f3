// `--profile NAME` (or AWS_PROFILE) naming a profile that no shared file defines: the SDK then
// reports only "Could not load credentials from any providers", which does not say the name was
// wrong. Checked up front with the SDK's own shared-file loader (same files, same
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE rules, `[profile x]` normalised to `x`).
import { loadSharedConfigFiles } from '@smithy/core/config';
import { UserError } from '../errors.js';
import { escapeTerminal } from '../report/escape.js';

export async function checkProfile(
  profile: string,
  source: '--profile' | 'AWS_PROFILE',
): Promise<void> {
  let names: string[];
  try {
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].sort();
  } catch {
    // Unreadable files: leave it to the SDK's own error, which names the file.
    return;
  }
  if (names.includes(profile)) return;
  const known = names.length
    ? `Profiles defined there: ${names
        .slice(0, 20)
        .map((n) => escapeTerminal(n, 64))
        .join(', ')}.`
    : 'No profile is defined there.';
  throw new UserError(
    `${source} ${JSON.stringify(escapeTerminal(profile, 64))} names no AWS profile in the shared config or credentials file ` +
      `(~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). ${known}`,
  );
}
