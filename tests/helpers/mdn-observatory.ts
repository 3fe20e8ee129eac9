/**
 * MDN's HTTP Observatory (@mdn/mdn-http-observatory) run against a server on loopback:
 * its own retriever, its ten tests and its grader. Only its `scan()` is not used, because it
 * drops its options and so can only reach ports 80 and 443; `observatoryScan` is that
 * function with the ports passed through (see docs/decisions/008-observatory-package-on-loopback.md).
 */
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";

interface ObservatoryTestResult {
  name: string;
  result: string;
  pass: boolean;
  scoreModifier: number;
}

export interface ObservatoryScan {
  score: number;
  grade: string;
  tests: ObservatoryTestResult[];
}

// The package's postinstall downloads Chromium's HSTS preload list, which an offline machine
// cannot (so package.json denies it); a loopback address is on no preload list.
function ensureHstsPreloadList(): void {
  const packageJson = createRequire(import.meta.url).resolve("@mdn/mdn-http-observatory/package.json");
  const list = join(dirname(packageJson), "conf", "hsts-preload.json");
  if (!existsSync(list)) writeFileSync(list, "{}\n");
}

/** Scores `https://host:httpsPort<path>` (reached from `http://host:httpPort<path>`), trusting `ca`. */
export async function observatoryScan(
  host: string,
  options: { httpPort: number; httpsPort: number; path: string; ca: Buffer },
): Promise<ObservatoryScan> {
  ensureHstsPreloadList();
  const trusted = getCACertificates("default");
  setDefaultCACertificates([...trusted, options.ca.toString()]);
  try {
    const requests = await retrieve(host, {
      httpPort: String(options.httpPort),
      httpsPort: String(options.httpsPort),
      path: options.path,
    });
    // From here on, what the package's scan() does.
    const status = requests.responses.auto?.status;
    if (status === undefined) throw new Error("The site seems to be down.");
    if (status < 200 || (status >= 400 && ![401, 403].includes(status))) {
      throw new Error(`Site did respond with an unexpected HTTP status code ${status}.`);
    }
    let withExtraCredit = 100;
    let uncurved = 100;
    const tests = ALL_TESTS.map((test) => {
      const output = test(requests);
      const scoreModifier = output.result ? getScoreModifier(output.result) : 0;
      withExtraCredit += scoreModifier;
      if (scoreModifier < 0) uncurved += scoreModifier;
      return { name: output.constructor.name, result: output.result ?? "", pass: output.pass ?? false, scoreModifier };
    });
    const { score, grade } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
    return { score, grade, tests };
  } finally {
    setDefaultCACertificates(trusted);
  }
}
