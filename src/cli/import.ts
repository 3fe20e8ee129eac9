/**
 * npm run import -- <file.txt>... [--out content/articles] [--force] [--section News]
 *   [--tag Syria]... [--source-publisher "The New Arab" --source-url https://…]
 *   [--lang ar] [--slug my-slug]
 *
 * Turns scraped article text into content entries, one Markdown file per input, and
 * prints each path it wrote. Every input is read and checked before anything is written;
 * on any error nothing is written and it exits 1, with `file:line: message` for each
 * problem. Each file is written to a temporary name beside it and renamed into place, so
 * no partial file is ever left behind. Bad usage exits 2.
 */
import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { decodeScraped, ScrapedTextError } from "../import/parse-scraped.ts";
import { importScraped, type ImportResult } from "../import/import-article.ts";
import { IMPORT_SLUG_RE } from "../model/slug.ts";
import { isLanguageTag } from "../model/language-tag.ts";
import { site } from "../site.config.ts";

const USAGE = `Usage: npm run import -- <file.txt>... [options]

Writes one Markdown entry per scraped text file and prints the path it wrote.

Options:
  --out <dir>                where to write (default: content/articles)
  --force                    replace an entry that already exists
  --section <name>           the article's section (default: News)
  --tag <name>               a topic tag; repeat for more
  --source-publisher <name>  who first published the article (with --source-url)
  --source-url <url>         where it was first published (one input only)
  --lang <tag>               the language, e.g. en or ar (default: told by the script)
  --slug <slug>              the entry's file name and address (one input only)
  -h, --help                 show this help`;

const projectArticles = fileURLToPath(new URL("../../content/articles", import.meta.url));
// npm runs scripts from the project root; INIT_CWD is where the command was typed.
const cwd = process.env["INIT_CWD"] ?? process.cwd();

class UsageError extends Error {}

interface Job {
  input: string;
  result: ImportResult;
  target: string;
  temp: string;
}

function parseOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: "string" },
      force: { type: "boolean", default: false },
      section: { type: "string" },
      tag: { type: "string", multiple: true },
      "source-publisher": { type: "string" },
      "source-url": { type: "string" },
      lang: { type: "string" },
      slug: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length === 0) throw new UsageError("give at least one scraped text file");
  const nonEmpty = (name: string, value: string | undefined) => {
    if (value !== undefined && value.trim() === "") throw new UsageError(`--${name} must not be empty`);
    return value?.trim();
  };
  const section = nonEmpty("section", values.section);
  const tags = (values.tag ?? []).map((t) => nonEmpty("tag", t)!);
  const publisher = nonEmpty("source-publisher", values["source-publisher"]);
  const url = nonEmpty("source-url", values["source-url"]);
  if ((publisher === undefined) !== (url === undefined))
    throw new UsageError("--source-publisher and --source-url go together");
  if (url !== undefined) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      throw new UsageError(`--source-url "${url}" is not an http(s) address`);
    if (positionals.length > 1) throw new UsageError("--source-url names one article: import its file on its own");
  }
  const lang = nonEmpty("lang", values.lang);
  if (lang !== undefined && !isLanguageTag(lang))
    throw new UsageError(`--lang "${lang}" is not a language tag such as "en" or "ar"`);
  const slug = nonEmpty("slug", values.slug);
  if (slug !== undefined) {
    if (!IMPORT_SLUG_RE.test(slug))
      throw new UsageError(`--slug "${slug}": use lower-case letters, digits and hyphens`);
    if (positionals.length > 1) throw new UsageError("--slug names one entry: import its file on its own");
  }
  return {
    inputs: positionals,
    out: values.out === undefined ? projectArticles : resolve(cwd, values.out),
    force: values.force,
    section,
    tags,
    source: publisher !== undefined && url !== undefined ? { publisher, url } : undefined,
    lang,
    slug,
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Renames `from` to `to` unless `to` exists (a hard link fails on an existing name; a rename would replace it). */
async function moveNoClobber(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links: check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    if (await exists(to)) throw error;
    await rename(from, to);
    return;
  }
  await unlink(from);
}

const show = (path: string) => relative(cwd, path) || ".";

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`import: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }

  // 1. Read and check every input; write nothing yet.
  const errors: string[] = [];
  const jobs: Job[] = [];
  const targets = new Map<string, string>();
  for (const input of options.inputs) {
    const path = resolve(cwd, input);
    let result: ImportResult;
    try {
      const text = decodeScraped(await readFile(path));
      result = importScraped(text, {
        section: options.section,
        tags: options.tags,
        source: options.source,
        lang: options.lang,
        slug: options.slug,
        fallbackSlug: basename(input, extname(input)),
        wordsPerMinute: site.wordsPerMinute,
      });
    } catch (error) {
      if (error instanceof ScrapedTextError) errors.push(`${input}:${error.line}: ${error.message}`);
      else if ((error as { code?: string }).code === "ENOENT") errors.push(`${input}: no such file`);
      else errors.push(`${input}: ${(error as Error).message}`);
      continue;
    }
    const line = result.article.headlineLine;
    const target = join(options.out, `${result.slug}.md`);
    const folderEntry = join(options.out, result.slug, "index.md");
    if (targets.has(target)) {
      errors.push(`${input}:${line}: makes the same entry (${show(target)}) as ${targets.get(target)}: give it --slug`);
      continue;
    }
    targets.set(target, input);
    if (await exists(folderEntry)) {
      errors.push(
        `${input}:${line}: the entry already exists as ${show(folderEntry)}; one address cannot have two entries`,
      );
      continue;
    }
    if (!options.force && (await exists(target))) {
      errors.push(`${input}:${line}: the entry ${show(target)} already exists (--force replaces it)`);
      continue;
    }
    for (const warning of result.warnings) console.error(`${input}:${warning.line}: warning: ${warning.message}`);
    jobs.push({ input, result, target, temp: join(options.out, `.${result.slug}.md.${process.pid}.tmp`) });
  }
  if (errors.length > 0) {
    for (const error of errors) console.error(error);
    console.error(`import: nothing written (${errors.length} ${errors.length === 1 ? "error" : "errors"})`);
    return 1;
  }

  // 2. Write every entry to a temporary file beside its target, flushed to disk.
  const temps = new Set<string>();
  const created: string[] = [];
  const replaced: string[] = [];
  const cleanUp = () => Promise.all([...temps].map((t) => unlink(t).catch(() => {})));
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    await mkdir(options.out, { recursive: true });
    for (const job of jobs) {
      const handle = await open(job.temp, "wx");
      temps.add(job.temp);
      try {
        await handle.writeFile(job.result.markdown, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    // 3. Move each into place: a rename replaces atomically; without --force a hard link
    //    refuses to replace an entry that appeared in the meantime.
    for (const job of jobs) {
      if (options.force) {
        await rename(job.temp, job.target);
        replaced.push(job.target);
      } else {
        await moveNoClobber(job.temp, job.target);
        created.push(job.target);
      }
      temps.delete(job.temp);
    }
  } catch (error) {
    // Nothing half-done: remove the temporary files and any entry this run created.
    await Promise.all([cleanUp(), ...created.map((t) => unlink(t).catch(() => {}))]);
    const err = error as NodeJS.ErrnoException & { dest?: string };
    console.error(
      err.code === "EEXIST" && err.dest ? `${show(err.dest)}: appeared while importing` : `import: ${err.message}`,
    );
    console.error(
      replaced.length > 0
        ? `import: stopped after replacing ${replaced.map(show).join(", ")}; nothing else written`
        : "import: nothing written",
    );
    return 1;
  }
  for (const job of jobs) console.log(show(job.target));
  return 0;
}

process.exitCode = await main();
