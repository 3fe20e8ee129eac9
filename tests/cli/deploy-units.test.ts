/**
 * deploy/newsroom-build.service and .timer: `systemd-analyze verify` accepts them, and they
 * run what the README says (a build for deployment every 15 minutes, waiting for an
 * embargo due before the next run, then nginx's config written and nginx reloaded).
 *
 * verify refuses a unit whose programs do not exist, and a server's layout is not this
 * machine's: it checks a copy in which each program the units name is replaced by the one
 * of that name on this PATH (npm, sh and nginx are where Debian puts them on a server, but
 * not always here). Outside CI, a machine without systemd-analyze skips the check, saying
 * so; under CI=true it fails (.ci/run installs it).
 */
import { execFile } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build.ts";

const UNITS = ["newsroom-build.service", "newsroom-build.timer"];
const unit = (name: string) => readFileSync(join(projectRoot, "deploy", name), "utf8");

/** The program called `name` on this machine's PATH. */
function onPath(name: string): string | undefined {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find(exists);
}

function exists(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The unit's text with each Exec…= program moved to where this machine has it. */
function withLocalPrograms(text: string): string {
  return text.replace(/^(Exec\w+=[-+@:!]*)(\S+)/gm, (line, head: string, program: string) => {
    if (exists(program)) return line;
    const local = onPath(basename(program));
    if (!local) throw new Error(`${program}: not on this machine, so systemd-analyze verify would refuse the unit`);
    return `${head}${local}`;
  });
}

const analyze = onPath("systemd-analyze");
if (!analyze && process.env.CI !== "true") {
  console.warn("systemd-analyze is not installed: the deploy/ units are not verified (it is under CI=true).");
}

describe.skipIf(!analyze && process.env.CI !== "true")("deploy/ systemd units", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "newsroom-units-"));
    for (const name of UNITS) await writeFile(join(dir, name), withLocalPrograms(unit(name)));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (...files: string[]) =>
    new Promise<{ code: number; output: string }>((done) => {
      if (!analyze) throw new Error("systemd-analyze is not installed (CI=true): .ci/run installs Debian's systemd");
      execFile(analyze, ["verify", ...files], { cwd: dir }, (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });

  it("systemd-analyze verify finds nothing in the timer and its service", async () => {
    const result = await verify(...UNITS.map((name) => join(dir, name)));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("systemd-analyze verify refuses a broken copy (the check can fail)", async () => {
    const broken = join(dir, "broken.timer");
    await writeFile(broken, unit("newsroom-build.timer").replace("OnCalendar=*:0/15", "OnCalendar=every quarter"));
    const result = await verify(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/calendar/);
  });

  it("runs every 15 minutes: a build for deployment, then nginx's config and a reload", () => {
    expect(unit("newsroom-build.timer")).toMatch(/^OnCalendar=\*:0\/15$/m);
    const service = unit("newsroom-build.service");
    const commands = [...service.matchAll(/^(Exec\w+)=(.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(service).toMatch(/^Environment=NEWSROOM_DEPLOY=1$/m);
    expect(commands).toEqual([
      "ExecStartPre /usr/bin/npm run -s next-embargo -- --wait 15",
      "ExecStart /usr/bin/npm run build",
      "ExecStart /bin/sh -c 'npm run -s nginx-config -- --root /srv/news/dist > nginx-site.conf.new && mv nginx-site.conf.new nginx-site.conf'",
      "ExecStartPost +/usr/sbin/nginx -t -q",
      "ExecStartPost +/usr/sbin/nginx -s reload",
    ]);
  });
});
