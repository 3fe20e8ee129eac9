/**
 * Whether the site's address is fit to publish. `site.url` ships as a placeholder
 * (https://example.org), and whatever it says goes into every canonical link, feed,
 * sitemap, social card URL and the nginx `server_name`. A newcomer's first build only
 * warns, loudly; a build meant for deployment (`--deploy`, or NEWSROOM_DEPLOY=1) refuses
 * it, so the scheduled rebuilds never publish a site that points at someone else's domain.
 */
import { lineAt } from "../model/lines.ts";
import { readSwitch } from "../model/switch.ts";

/** The command-line flag of `npm run build`, `npm run check` and `npm run nginx-config`. */
const DEPLOY_FLAG = "--deploy";
/** The environment variable that means the same (the workflow and the systemd service set it). */
const DEPLOY_ENV = "NEWSROOM_DEPLOY";
/** Where the address is set, as the messages name it. */
export const SITE_CONFIG_FILE = "src/site.config.ts";
const SITE_URL_ENV = "SITE_URL";

/** Names reserved for examples, tests and this machine (RFC 2606, RFC 6761): never a published site. */
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];
const RESERVED_TOP_LEVEL = ["example", "test", "invalid", "localhost"];

export function isPlaceholderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (RESERVED_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`))) return true;
  return RESERVED_TOP_LEVEL.includes(name.split(".").at(-1) ?? "");
}

export interface DeployMode {
  deploy: boolean;
  /** The other arguments, for the command's own parser (or `astro build`). */
  rest: string[];
}

/**
 * `--deploy` among the arguments, or NEWSROOM_DEPLOY set to 1 or true (0, false or empty:
 * off). Any other value is refused rather than guessed: a misspelt setting must not turn
 * a deployment into a build that only warns.
 */
export function readDeployMode(args: readonly string[], env: Readonly<Record<string, string | undefined>>): DeployMode {
  const rest = args.filter((arg) => arg !== DEPLOY_FLAG);
  const fromEnv = readSwitch(DEPLOY_ENV, env[DEPLOY_ENV], false, "a build for deployment");
  return { deploy: rest.length < args.length || fromEnv, rest };
}

export interface AddressFinding {
  /** An error stops the command; a warning is printed and the command goes on. */
  severity: "error" | "warning";
  message: string;
}

export interface SiteAddress {
  /** The address in effect: SITE_URL when set, else site.url. */
  url: string;
  /** Whether it came from the SITE_URL environment variable. */
  fromEnv: boolean;
  /** The line of `url:` in src/site.config.ts, when known. */
  configLine?: number | undefined;
}

const HOW_TO_SET = `set site.url in ${SITE_CONFIG_FILE}, or the ${SITE_URL_ENV} environment variable when you build, to the address the site is published at`;
const DEPLOY_HOW = `npm run build -- ${DEPLOY_FLAG}, or ${DEPLOY_ENV}=1`;

function where(address: SiteAddress): string {
  if (address.fromEnv) return `${SITE_URL_ENV} (environment)`;
  return address.configLine === undefined ? SITE_CONFIG_FILE : `${SITE_CONFIG_FILE}:${address.configLine}`;
}

/** What is wrong with the site's address for this build, if anything. */
export function siteAddressFinding(address: SiteAddress, deploy: boolean): AddressFinding | undefined {
  const field = address.fromEnv ? "" : " site.url:";
  let host: string;
  try {
    const url = new URL(address.url);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http");
    host = url.hostname;
  } catch {
    return {
      severity: "error",
      message: `${where(address)}:${field} "${address.url}" is not an absolute http(s) address such as https://news.example.com: ${HOW_TO_SET}`,
    };
  }
  if (!isPlaceholderHost(host)) return undefined;
  const consequence = `every canonical link, feed, sitemap, social card URL and the nginx server_name would point there`;
  if (deploy) {
    return {
      severity: "error",
      message: `${where(address)}:${field} "${address.url}" is a placeholder address and this build is for deployment (${DEPLOY_HOW}): ${consequence}; ${HOW_TO_SET}.`,
    };
  }
  return {
    severity: "warning",
    message: `${where(address)}: warning:${field} "${address.url}" is a placeholder address: ${consequence}. Before you publish, ${HOW_TO_SET}. A build for deployment (${DEPLOY_HOW}) refuses it.`,
  };
}

/** What is wrong with the nginx config's `server_name`, if anything (the nginx-config command). */
export function serverNameFinding(
  serverName: string,
  fromOption: boolean,
  deploy: boolean,
): AddressFinding | undefined {
  if (!isPlaceholderHost(serverName)) return undefined;
  const source = fromOption
    ? "--server-name"
    : `the host of site.url (${SITE_CONFIG_FILE}, or ${SITE_URL_ENV}); give --server-name or set the site's address`;
  if (deploy) {
    return {
      severity: "error",
      message: `server_name: "${serverName}" is a placeholder host, and this config is for deployment (${DEPLOY_FLAG}, or ${DEPLOY_ENV}=1): nginx would answer for a domain that is not the site's. It comes from ${source}.`,
    };
  }
  return {
    severity: "warning",
    message: `warning: server_name: "${serverName}" is a placeholder host: nginx would answer for a domain that is not the site's. It comes from ${source}. With ${DEPLOY_FLAG} (or ${DEPLOY_ENV}=1) this is refused.`,
  };
}

/** The line of the `url:` setting in the text of src/site.config.ts (the value, not the interface). */
export function siteUrlLine(configSource: string): number | undefined {
  const settings = /^export const site\b/m.exec(configSource);
  if (!settings) return undefined;
  const url = /^[ \t]*url\s*:/m.exec(configSource.slice(settings.index));
  return url ? lineAt(configSource, settings.index + url.index) : undefined;
}

export interface DeployCheck extends DeployMode {
  finding?: AddressFinding | undefined;
}

/**
 * The whole check a command runs before it starts: the deploy mode from its arguments
 * and environment, and the site's address judged for it. `siteUrl` is site.url as
 * loaded (SITE_URL already applied); `configSource` the text of src/site.config.ts.
 */
export function checkDeployAddress(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  siteUrl: string,
  configSource: string,
): DeployCheck {
  let mode: DeployMode;
  try {
    mode = readDeployMode(args, env);
  } catch (error) {
    return { deploy: true, rest: [...args], finding: { severity: "error", message: (error as Error).message } };
  }
  const address = { url: siteUrl, fromEnv: env[SITE_URL_ENV] !== undefined, configLine: siteUrlLine(configSource) };
  return { ...mode, finding: siteAddressFinding(address, mode.deploy) };
}
