/**
 * `npm run cms` driven end to end in Chromium (decision 017): in a small copy of the project,
 * an editor creates an article in the real Decap editor (hero photo with caption, credit and
 * alt text, two paragraphs, a body figure from the Figure button), publishes it, and the file
 * written to the checkout passes `npm run check` as it is and builds into a page with all of
 * it; then the editor changes the headline and adds a correction, and the rebuilt page and its
 * JSON-LD show both. Screenshots of the article list and the editor at 1280 px go to
 * test-output/screenshots/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { projectCopy, projectRoot, publisherEnv, removeDir } from "../helpers/build.ts";
import { fixtureJpeg } from "../helpers/fixtures.ts";
import { parseDocument, textOf } from "../helpers/html.ts";

const SLUG = "ceasefire-talks-resume-in-geneva";
const HEADLINE = "Ceasefire talks resume in Geneva";
const NEW_HEADLINE = "Ceasefire talks resume in Geneva after a week";
const PARAGRAPHS = ["Envoys from both sides met for three hours.", "A second round is set for Thursday."];
const HERO = { caption: "Delegates arrive at the hall", credit: "Test Agency", alt: "Delegates walking in" };
const FIGURE = { caption: "The table in the hall", credit: "Pool Photo", alt: "A table with microphones" };
const CORRECTION = "Corrected the day of the second round.";
// Typed into the date pickers of a browser in New York: the site's zone (UTC) is what counts.
const PUBLISHED = "2026-11-30T09:15";
const CORRECTED = "2026-12-01T10:30";
// The build's clock: after both dates, so nothing is under embargo.
const NOW = "2026-12-02T12:00Z";
const shotDir = join(projectRoot, "test-output/screenshots");

let root: string;
let photos: string;
let editor: ChildProcess | undefined;
let editorUrl: string;
let browser: Browser | undefined;
let page: Page;

/** Runs one of the project's commands in the copy, as `npm run <name>` would. */
function run(script: string): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...publisherEnv(), NEWSROOM_NOW: NOW, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((done) => child.on("close", (code) => done({ code: code ?? 1, output })));
}

/** Starts `npm run cms` on a free port and resolves with the editor's address once it says so. */
function startEditor(): Promise<string> {
  editor = spawn(process.execPath, ["src/cli/cms.ts"], {
    cwd: root,
    env: { ...publisherEnv(), PORT: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((done, fail) => {
    editor!.stderr!.on("data", (d) => (output += d));
    editor!.stdout!.on("data", (d) => {
      output += d;
      const address = /The editor: (http:\S+)/.exec(output);
      if (address) done(address[1]!);
    });
    editor!.on("exit", (code) => fail(new Error(`npm run cms exited (${code}):\n${output}`)));
  });
}

const articleFile = () => join(root, "content/articles", SLUG, "index.md");
const builtPage = () => readFile(join(root, "dist/articles", SLUG, "index.html"), "utf8");

/** The editor's photo picker: upload a file and choose it. */
async function choosePhoto(scope: ReturnType<Page["locator"]>, file: string): Promise<void> {
  await scope.getByRole("button", { name: "Choose an image" }).click();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Choose selected" }).click();
}

async function publish(): Promise<void> {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByText("Publish now").click();
}

/** A react-select (Decap's select and relation widgets): type, then pick the option. */
async function pick(label: string | RegExp, text: string, option: string): Promise<void> {
  await page.getByLabel(label, typeof label === "string" ? { exact: true } : {}).fill(text);
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** The article's NewsArticle data, as search engines read it from the page. */
function jsonLd(doc: Document): Record<string, unknown> {
  return JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent) as Record<string, unknown>;
}

assertBrowserAvailable();

describe.skipIf(!haveChrome)("npm run cms in Chromium", () => {
  beforeAll(async () => {
    root = await projectCopy(
      {},
      {
        contentFiles: {
          "authors/amal-haddad.md": `---\nname: "Amal Haddad"\nrole: "Diplomatic correspondent"\n---\n\nAmal covers diplomacy.\n`,
        },
      },
    );
    // Two different photos: Decap keys unsaved photos by the hash of their bytes.
    photos = join(root, "fixture-photos");
    await mkdir(photos);
    await writeFile(join(photos, "hero.jpg"), await fixtureJpeg(800, 600, 20));
    await writeFile(join(photos, "inline.jpg"), await fixtureJpeg(480, 360, 200));
    await mkdir(shotDir, { recursive: true });
    editorUrl = await startEditor();
    browser = await launchChrome();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: "America/New_York" });
    // Decap's screens are slow to settle on a loaded two-core machine; these waits time nothing.
    page.setDefaultTimeout(60_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    editor?.kill();
    if (root && !process.env.KEEP_TEST_SITES) await removeDir(root);
  });

  it("creates an article whose file passes the check as written and builds into its page", async () => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(editorUrl);
    await page.getByRole("button", { name: "Login" }).click();
    await page.locator('a[href$="/collections/articles/new"]').click();

    await page.getByLabel("Headline", { exact: true }).fill(HEADLINE);
    await page.getByLabel("Standfirst", { exact: true }).fill("Envoys returned to the table on Monday.");
    await page.getByLabel("Published", { exact: true }).fill(PUBLISHED);
    await page.getByLabel("Section", { exact: true }).click();
    await page.getByRole("option", { name: "News", exact: true }).click();
    await pick(/^Authors/, "Amal", "Amal Haddad");

    const hero = page.locator('[id^="hero-field-"]');
    await hero.getByTestId("expand-button").click();
    await hero.getByLabel(/^Caption/).fill(HERO.caption);
    await hero.getByLabel(/^Credit/).fill(HERO.credit);
    await choosePhoto(hero, join(photos, "hero.jpg"));
    await hero.getByLabel(/^Alt text/).fill(HERO.alt);

    const body = page.locator('[aria-label="markdown field"]');
    await body.getByRole("textbox").click();
    await page.keyboard.type(PARAGRAPHS[0]!);
    await page.keyboard.press("Enter");
    await page.keyboard.type(PARAGRAPHS[1]!);
    await page.keyboard.press("Enter");
    await body.getByTitle("Add Component").click();
    await page.getByRole("menuitem", { name: "Figure" }).click();
    await choosePhoto(body, join(photos, "inline.jpg"));
    await body.getByLabel(/^Alt text/).fill(FIGURE.alt);
    await body.getByLabel(/^Caption/).fill(FIGURE.caption);
    await body.getByLabel(/^Credit/).fill(FIGURE.credit);
    await page.getByLabel("Headline", { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotDir, "cms-editor-1280.png") });
    await publish();

    await expect.poll(() => existsSync(articleFile()), { timeout: 60_000 }).toBe(true);
    const written = await readFile(articleFile(), "utf8");
    // The site's time zone, whatever the editor's browser is set to.
    expect(written).toMatch(/^published: "?2026-11-30T09:15:00\+00:00"?$/m);
    expect(written).toContain('![A table with microphones](./inline.jpg "The table in the hall [Pool Photo]")');
    expect(existsSync(join(root, "content/articles", SLUG, "hero.jpg"))).toBe(true);
    expect(existsSync(join(root, "content/articles", SLUG, "inline.jpg"))).toBe(true);
    expect(errors).toEqual([]);

    // Back to the list, as an editor would, once the editor says it is saved.
    await page.getByText("Changes saved", { exact: true }).waitFor();
    await page.getByText("Writing in Articles collection").click();
    await page.getByText(HEADLINE).waitFor();
    // The "Entry saved" notice would cover the top of the list.
    await page.getByRole("button", { name: "close", exact: true }).click();
    await page.getByText("Entry saved").waitFor({ state: "detached" });
    await page.screenshot({ path: join(shotDir, "cms-articles-1280.png") });

    // No finding at all in the file the editor wrote (the placeholder site address is warned about).
    const check = await run("src/cli/check.ts");
    expect(check.code, check.output).toBe(0);
    expect(check.output).not.toContain("content/articles/");
    expect(check.output).toContain("2 articles, no problems");
    expect(await readFile(articleFile(), "utf8")).toBe(written);

    const build = await run("src/cli/build.ts");
    expect(build.code, build.output).toBe(0);
    const doc = parseDocument(await builtPage());
    expect(textOf(doc.querySelector("h1"))).toBe(HEADLINE);
    const figures = [...doc.querySelectorAll("figure")];
    expect(figures.map((figure) => figure.querySelector("img")?.getAttribute("alt"))).toEqual([HERO.alt, FIGURE.alt]);
    for (const [figure, { caption, credit }] of [
      [figures[0]!, HERO],
      [figures[1]!, FIGURE],
    ] as const) {
      expect(textOf(figure.querySelector("figcaption"))).toContain(caption);
      expect(textOf(figure.querySelector("figcaption"))).toContain(credit);
    }
    const paragraphs = [...doc.querySelectorAll("p")].map(textOf);
    for (const paragraph of PARAGRAPHS) expect(paragraphs).toContain(paragraph);
  }, 240_000);

  it("edits the headline and adds a correction; the rebuilt page and its JSON-LD show both", async () => {
    await page.getByText(HEADLINE).click();
    await page.getByLabel("Headline", { exact: true }).fill(NEW_HEADLINE);
    const updates = page.locator('[id^="updates-field-"]');
    await page.getByRole("button", { name: "Add updates and corrections" }).click();
    await updates.getByLabel("Date", { exact: true }).fill(CORRECTED);
    await updates.getByLabel("Note", { exact: true }).fill(CORRECTION);
    await updates.getByLabel(/^Kind/).click();
    await page.getByRole("option", { name: "correction", exact: true }).click();
    await publish();
    await expect.poll(() => readFile(articleFile(), "utf8"), { timeout: 60_000 }).toContain(CORRECTION);
    const written = await readFile(articleFile(), "utf8");
    expect(written).toMatch(/^ {2}- date: "?2026-12-01T10:30:00\+00:00"?$/m);
    // A date the editor did not touch is written back as it was.
    expect(written).toMatch(/^published: "?2026-11-30T09:15:00\+00:00"?$/m);
    expect(written).toMatch(/^ {4}kind: correction$/m);

    const check = await run("src/cli/check.ts");
    expect(check.code, check.output).toBe(0);
    const build = await run("src/cli/build.ts");
    expect(build.code, build.output).toBe(0);
    const doc = parseDocument(await builtPage());
    expect(textOf(doc.querySelector("h1"))).toBe(NEW_HEADLINE);
    expect(textOf(doc.body)).toContain(CORRECTION);
    const article = jsonLd(doc);
    expect(article.headline).toBe(NEW_HEADLINE);
    expect(article.dateModified).toBe("2026-12-01T10:30:00+00:00");
    expect(article.correction).toEqual([
      { "@type": "CorrectionComment", text: CORRECTION, datePublished: "2026-12-01T10:30:00+00:00" },
    ]);
  }, 240_000);
});
