/**
 * The MDN HTTP Observatory's score for a set of responses, computed here from its
 * published rules: https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
 * and its source (github.com/mdn/mdn-http-observatory, src/analyzer/tests/*.js,
 * src/analyzer/cspParser.js, src/grader/charts.js, src/scanner/index.js).
 *
 * Ten tests, base score 100: penalties are applied first; bonuses only count when the
 * score without them is 90 or more. HSTS preloading and the preload list are not
 * modelled (no bonus claimed for them).
 */
import type { IncomingHttpHeaders } from "node:http";
import { scanHtml } from "../../src/lib/html-scan.ts";

export interface ObservedResponse {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

export interface ObservatoryInput {
  /** The HTTPS response for the page (what the Observatory calls "auto"). */
  https: ObservedResponse;
  /** The redirect chain from the plain-HTTP URL: first response first, final one last. */
  httpChain: ObservedResponse[];
}

export interface TestResult {
  test: string;
  result: string;
  modifier: number;
}

export interface ObservatoryScore {
  score: number;
  grade: string;
  results: TestResult[];
}

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `<meta http-equiv>` values in the document head, by lower-case name. */
function httpEquiv(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const el of scanHtml(html)) {
    if (el.name === "body") break;
    if (el.name === "meta" && el.attrs["http-equiv"] && el.attrs.content !== undefined) {
      const name = el.attrs["http-equiv"].toLowerCase();
      found.set(name, [...(found.get(name) ?? []), el.attrs.content]);
    }
    if (el.name === "meta" && (el.attrs.name ?? "").toLowerCase() === "referrer" && el.attrs.content) {
      found.set("referrer-policy", [...(found.get("referrer-policy") ?? []), el.attrs.content]);
    }
  }
  return found;
}

// ---- CSP: a port of cspParser.js and tests/csp.js ----

function pathPartMatch(a: string, b: string): boolean {
  if (a.length === 0) return true;
  if (a === "/" && b.length === 0) return true;
  const exact = !a.endsWith("/");
  const listA = a.split("/");
  const listB = b.split("/");
  if (listA.length > listB.length) return false;
  if (exact && listA.length !== listB.length) return false;
  if (!exact) listA.pop();
  return listA.every((piece, i) => decodeURIComponent(piece) === decodeURIComponent(listB[i]!));
}

/** Several policies combined the Observatory's way (a source must be in every policy that has the directive). */
export function parseCsp(policies: string[]): Map<string, Set<string>> {
  const clean = policies.map((p) => p.replace(/[\r\n]/g, "").trim());
  if (clean.length === 0) return new Map();
  for (const p of clean) if (!p || p.length < "img-src".length - 1) throw new Error(`Invalid policy: ${p}`);
  type Entry = { source: string; index: number; keep: boolean };
  const csp = new Map<string, Entry[]>();
  const collator = new Intl.Collator("en");
  clean.forEach((policy, policyIndex) => {
    const seen = new Set<string>();
    for (const [rawDirective, ...values] of policy.split(";").map((e) => e.trim().split(/\s+/))) {
      if (!rawDirective) continue;
      const directive = rawDirective.toLowerCase();
      if (seen.has(directive) && !["report-uri", "report-to"].includes(directive)) {
        throw new Error(`Duplicate directive ${directive}`);
      }
      seen.add(directive);
      const keep = policyIndex === 0;
      const entries: Entry[] = values.length
        ? values.map((v) => ({ source: v.trim().toLocaleLowerCase(), index: policyIndex, keep }))
        : directive.endsWith("-src")
          ? [{ source: "'none'", index: policyIndex, keep }]
          : [];
      const combined = policyIndex === 0 ? [...entries] : [...(csp.get(directive) ?? []), ...entries];
      combined.sort((x, y) => collator.compare(x.source, y.source));
      for (let i = 1; i < combined.length; i++) {
        const source = combined[i]!;
        const prev = combined[i - 1]!;
        if (source.index === prev.index && source.source.startsWith(prev.source)) source.keep = false;
        if (source.index !== prev.index && pathPartMatch(prev.source, source.source)) source.keep = true;
      }
      csp.set(
        directive,
        combined.filter((e) => e.keep),
      );
      if (policyIndex === 0 && policies.length > 1) for (const e of csp.get(directive) ?? []) e.keep = false;
    }
  });
  return new Map(
    [...csp].map(([d, entries]) => [d, entries.length ? new Set(entries.map((e) => e.source)) : new Set(["'none'"])]),
  );
}

const DANGEROUSLY_BROAD = new Set([
  "ftp:",
  "http:",
  "https:",
  "*",
  "http://*",
  "http://*.*",
  "https://*",
  "https://*.*",
]);
const UNSAFE_INLINE = new Set(["'unsafe-inline'", "data:"]);
const BROAD_OR_INLINE = new Set([...DANGEROUSLY_BROAD, ...UNSAFE_INLINE]);
const NONCE_HASH = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

function cspTest(input: ObservatoryInput): { result: string; data: Map<string, Set<string>> | null } {
  const response = input.https;
  const split = (values: string[]) => values.flatMap((v) => v.split(",").map((s) => s.trim()));
  const http = split(headerValues(response.headers, "content-security-policy"));
  const meta = split(httpEquiv(response.body).get("content-security-policy") ?? []);
  let csp: Map<string, Set<string>>;
  let headerOnly: Map<string, Set<string>>;
  let metaOnly: Map<string, Set<string>>;
  try {
    csp = parseCsp([...http, ...meta]);
  } catch {
    return { result: "csp-header-invalid", data: null };
  }
  try {
    headerOnly = parseCsp(http);
  } catch {
    headerOnly = new Map();
  }
  try {
    metaOnly = parseCsp(meta);
    for (const d of ["frame-ancestors", "report-uri", "sandbox"]) metaOnly.delete(d);
  } catch {
    metaOnly = new Map();
  }
  if (headerOnly.size + metaOnly.size === 0) return { result: "csp-not-implemented", data: null };
  // frame-ancestors counts only from the header.
  if (headerOnly.has("frame-ancestors")) csp.set("frame-ancestors", headerOnly.get("frame-ancestors")!);
  else csp.delete("frame-ancestors");

  const scriptSrc = new Set(csp.get("script-src") ?? csp.get("default-src") ?? ["*"]);
  const styleSrc = new Set(csp.get("style-src") ?? csp.get("default-src") ?? ["*"]);
  const objectSrc = new Set(csp.get("object-src") ?? csp.get("default-src") ?? ["*"]);
  for (const list of [scriptSrc, styleSrc]) {
    if ([...list].some((s) => NONCE_HASH.some((p) => s.startsWith(p)))) list.delete("'unsafe-inline'");
  }
  let result: string | null = null;
  if (scriptSrc.has("'strict-dynamic'") && ![...scriptSrc].some((s) => NONCE_HASH.some((p) => s.startsWith(p)))) {
    result = "csp-header-invalid";
  }
  const passive = ["img-src", "media-src"].flatMap((d) => [...(csp.get(d) ?? csp.get("default-src") ?? [])]);
  const active = [...csp]
    .filter(([d]) => !["img-src", "media-src", "script-src"].includes(d))
    .flatMap(([, s]) => [...s])
    .concat([...scriptSrc]);
  const https = new URL(response.url).protocol === "https:";
  if ([...scriptSrc].some((s) => BROAD_OR_INLINE.has(s)) || [...objectSrc].some((s) => DANGEROUSLY_BROAD.has(s))) {
    result ??= "csp-implemented-with-unsafe-inline";
  }
  if (https && active.some((s) => s.startsWith("http:") || s.startsWith("ftp:"))) {
    result ??= "csp-implemented-with-insecure-scheme";
  }
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) result ??= "csp-implemented-with-unsafe-eval";
  if (https && passive.some((s) => s.startsWith("http:") || s.startsWith("ftp:"))) {
    result ??= "csp-implemented-with-insecure-scheme-in-passive-content-only";
  }
  if ([...styleSrc].some((s) => BROAD_OR_INLINE.has(s)))
    result ??= "csp-implemented-with-unsafe-inline-in-style-src-only";
  const defaultSrc = csp.get("default-src");
  if (defaultSrc?.has("'none'") && defaultSrc.size === 1) result ??= "csp-implemented-with-no-unsafe-default-src-none";
  result ??= "csp-implemented-with-no-unsafe";
  return { result, data: csp };
}

const MODIFIERS: Record<string, number> = {
  "csp-implemented-with-no-unsafe-default-src-none": 10,
  "csp-implemented-with-no-unsafe": 5,
  "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
  "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
  "csp-implemented-with-unsafe-eval": -10,
  "csp-implemented-with-unsafe-inline": -20,
  "csp-implemented-with-insecure-scheme": -20,
  "csp-header-invalid": -25,
  "csp-not-implemented": -25,
  "cookies-secure-with-httponly-sessions-and-samesite": 5,
  "cookies-not-found": 0,
  "cookies-without-secure-flag": -20,
  "cross-origin-resource-sharing-not-implemented": 0,
  "cross-origin-resource-sharing-implemented-with-public-access": 0,
  "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
  "cross-origin-resource-sharing-implemented-with-universal-access": -50,
  "redirection-to-https": 0,
  "redirection-not-needed-no-http": 0,
  "redirection-off-host-from-http": -5,
  "redirection-not-to-https-on-initial-redirection": -10,
  "redirection-missing": -20,
  "redirection-not-to-https": -20,
  "redirection-invalid-cert": -20,
  "referrer-policy-private": 5,
  "referrer-policy-not-implemented": 0,
  "referrer-policy-unsafe": -5,
  "referrer-policy-header-invalid": -5,
  "hsts-implemented-max-age-at-least-six-months": 0,
  "hsts-implemented-max-age-less-than-six-months": -10,
  "hsts-not-implemented": -20,
  "hsts-header-invalid": -20,
  "hsts-not-implemented-no-https": -20,
  "hsts-invalid-cert": -20,
  "sri-implemented-and-all-scripts-loaded-securely": 5,
  "sri-not-implemented-response-not-html": 0,
  "sri-not-implemented-but-no-scripts-loaded": 0,
  "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
  "sri-not-implemented-but-external-scripts-loaded-securely": -5,
  "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
  "x-content-type-options-nosniff": 0,
  "x-content-type-options-not-implemented": -5,
  "x-content-type-options-header-invalid": -5,
  "x-frame-options-implemented-via-csp": 5,
  "x-frame-options-sameorigin-or-deny": 0,
  "x-frame-options-not-implemented": -20,
  "x-frame-options-header-invalid": -20,
  "cross-origin-resource-policy-not-implemented": 0,
  "cross-origin-resource-policy-implemented-with-same-origin": 10,
  "cross-origin-resource-policy-implemented-with-same-site": 10,
  "cross-origin-resource-policy-implemented-with-cross-origin": 0,
  "cross-origin-resource-policy-header-invalid": -5,
};

function cookiesTest(input: ObservatoryInput): string {
  const cookies = [input.https, ...input.httpChain].flatMap((r) => headerValues(r.headers, "set-cookie"));
  if (cookies.length === 0) return "cookies-not-found";
  const all = cookies.map((c) => c.toLowerCase());
  if (all.every((c) => /;\s*secure/.test(c) && /;\s*samesite=(strict|lax)/.test(c))) {
    return "cookies-secure-with-httponly-sessions-and-samesite";
  }
  return "cookies-without-secure-flag"; // the site sets no cookies; anything else is a failure here
}

function corsTest(input: ObservatoryInput): string {
  const acao = headerValues(input.https.headers, "access-control-allow-origin")[0]?.trim();
  if (!acao) return "cross-origin-resource-sharing-not-implemented";
  if (acao === "*") return "cross-origin-resource-sharing-implemented-with-public-access";
  const credentials = headerValues(input.https.headers, "access-control-allow-credentials")[0]?.trim().toLowerCase();
  return credentials === "true"
    ? "cross-origin-resource-sharing-implemented-with-universal-access"
    : "cross-origin-resource-sharing-implemented-with-restricted-access";
}

function redirectionTest(input: ObservatoryInput): string {
  const chain = input.httpChain;
  if (chain.length === 0) return "redirection-not-needed-no-http";
  const route = chain.map((r) => new URL(r.url));
  if (route.length === 1) return "redirection-missing";
  if (route.at(-1)!.protocol !== "https:") return "redirection-not-to-https";
  if (route[1]!.protocol === "http:") return "redirection-not-to-https-on-initial-redirection";
  if (route[0]!.protocol === "http:" && route[1]!.protocol === "https:" && route[0]!.hostname !== route[1]!.hostname) {
    return "redirection-off-host-from-http";
  }
  if (chain.some((r) => new URL(r.url).protocol === "https:" && !r.verified)) return "redirection-invalid-cert";
  return "redirection-to-https";
}

function referrerTest(input: ObservatoryInput): string {
  const good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
  const bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"];
  const values = [
    ...headerValues(input.https.headers, "referrer-policy"),
    ...(httpEquiv(input.https.body).get("referrer-policy") ?? []),
  ];
  if (values.length === 0) return "referrer-policy-not-implemented";
  const policy =
    values
      .join(", ")
      .split(",")
      .map((v) => v.trim().toLowerCase())
      .filter((v) => good.includes(v) || bad.includes(v))
      .at(-1) ?? "";
  if (good.includes(policy)) return "referrer-policy-private";
  if (bad.includes(policy)) return "referrer-policy-unsafe";
  return "referrer-policy-header-invalid";
}

function hstsTest(input: ObservatoryInput): string {
  const response = input.https;
  if (new URL(response.url).protocol !== "https:") return "hsts-not-implemented-no-https";
  if (!response.verified) return "hsts-invalid-cert";
  const header = headerValues(response.headers, "strict-transport-security")[0];
  if (!header) return "hsts-not-implemented";
  if (header.includes(",")) return "hsts-header-invalid";
  const maxAge = header
    .split(";")
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith("max-age="));
  if (!maxAge) return "hsts-header-invalid";
  const seconds = Number.parseInt(maxAge.slice(8), 10);
  return seconds < 15_552_000
    ? "hsts-implemented-max-age-less-than-six-months"
    : "hsts-implemented-max-age-at-least-six-months";
}

function sriTest(input: ObservatoryInput): string {
  const type = headerValues(input.https.headers, "content-type")[0] ?? "";
  if (!type.includes("html")) return "sri-not-implemented-response-not-html";
  const page = new URL(input.https.url);
  const scripts = scanHtml(input.https.body).filter((el) => el.name === "script" && el.attrs.src);
  if (scripts.length === 0) return "sri-not-implemented-but-no-scripts-loaded";
  let allSameOrigin = true;
  let allIntegrity = true;
  let insecure = false;
  for (const script of scripts) {
    const src = new URL(script.attrs.src!, page);
    if (src.origin !== page.origin) allSameOrigin = false;
    if (!script.attrs.integrity) allIntegrity = false;
    if (src.protocol === "http:" || script.attrs.src!.startsWith("//")) insecure = true;
  }
  if (allSameOrigin) {
    return allIntegrity
      ? "sri-implemented-and-all-scripts-loaded-securely"
      : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
  }
  if (insecure) return "sri-not-implemented-and-external-scripts-not-loaded-securely";
  return allIntegrity
    ? "sri-implemented-and-all-scripts-loaded-securely"
    : "sri-not-implemented-but-external-scripts-loaded-securely";
}

function xctoTest(input: ObservatoryInput): string {
  const value = headerValues(input.https.headers, "x-content-type-options")[0];
  if (!value) return "x-content-type-options-not-implemented";
  return value.trim().toLowerCase() === "nosniff"
    ? "x-content-type-options-nosniff"
    : "x-content-type-options-header-invalid";
}

function xfoTest(input: ObservatoryInput, csp: Map<string, Set<string>> | null): string {
  if (csp?.has("frame-ancestors")) return "x-frame-options-implemented-via-csp";
  const value = headerValues(input.https.headers, "x-frame-options")[0]?.trim().toLowerCase();
  if (!value) return "x-frame-options-not-implemented";
  return ["deny", "sameorigin"].includes(value) || value.startsWith("allow-from")
    ? "x-frame-options-sameorigin-or-deny"
    : "x-frame-options-header-invalid";
}

function corpTest(input: ObservatoryInput): string {
  const value =
    headerValues(input.https.headers, "cross-origin-resource-policy")[0] ??
    httpEquiv(input.https.body).get("cross-origin-resource-policy")?.at(-1);
  if (!value) return "cross-origin-resource-policy-not-implemented";
  switch (value.slice(0, 256).trim().toLowerCase()) {
    case "same-site":
      return "cross-origin-resource-policy-implemented-with-same-site";
    case "same-origin":
      return "cross-origin-resource-policy-implemented-with-same-origin";
    case "cross-origin":
      return "cross-origin-resource-policy-implemented-with-cross-origin";
    default:
      return "cross-origin-resource-policy-header-invalid";
  }
}

const GRADES: Array<[number, string]> = [
  [100, "A+"],
  [90, "A"],
  [85, "A-"],
  [80, "B+"],
  [70, "B"],
  [65, "B-"],
  [60, "C+"],
  [50, "C"],
  [45, "C-"],
  [40, "D+"],
  [30, "D"],
  [25, "D-"],
  [0, "F"],
];

export function observatoryScore(input: ObservatoryInput): ObservatoryScore {
  const csp = cspTest(input);
  const results: TestResult[] = [
    ["content-security-policy", csp.result],
    ["cookies", cookiesTest(input)],
    ["cross-origin-resource-sharing", corsTest(input)],
    ["redirection", redirectionTest(input)],
    ["referrer-policy", referrerTest(input)],
    ["strict-transport-security", hstsTest(input)],
    ["subresource-integrity", sriTest(input)],
    ["x-content-type-options", xctoTest(input)],
    ["x-frame-options", xfoTest(input, csp.data)],
    ["cross-origin-resource-policy", corpTest(input)],
  ].map(([test, result]) => ({ test: test!, result: result!, modifier: MODIFIERS[result!] ?? 0 }));
  const penalties = results.reduce((sum, r) => sum + Math.min(0, r.modifier), 0);
  const bonuses = results.reduce((sum, r) => sum + Math.max(0, r.modifier), 0);
  const uncurved = 100 + penalties;
  const score = Math.max(0, uncurved >= 90 ? uncurved + bonuses : uncurved);
  const grade = GRADES.find(([min]) => Math.min(score - (score % 5), 100) >= min)![1];
  return { score, grade, results };
}
