import { describe, expect, it } from "vitest";
import {
  checkDeployAddress,
  isPlaceholderHost,
  readDeployMode,
  serverNameFinding,
  siteAddressFinding,
  siteUrlLine,
} from "../../src/build/site-address.ts";

const CONFIG = `export interface SiteConfig {
  /** Absolute origin. */
  url: string;
}

export const site: SiteConfig = {
  name: "The Wire Desk",
  url: process.env.SITE_URL ?? "https://example.org",
};
`;

describe("isPlaceholderHost", () => {
  it.each([
    "example.org",
    "EXAMPLE.com",
    "news.example.net",
    "example.org.",
    "site.test",
    "a.example",
    "x.invalid",
    "localhost",
  ])("knows %s is reserved for examples", (host) => expect(isPlaceholderHost(host)).toBe(true));
  it.each(["news.wiredesk.net", "user.github.io", "example.org.uk", "myexample.org", "testing.com"])(
    "takes %s for a real address",
    (host) => expect(isPlaceholderHost(host)).toBe(false),
  );
});

describe("readDeployMode", () => {
  it("is off for a newcomer's plain build", () => {
    expect(readDeployMode([], {})).toEqual({ deploy: false, rest: [] });
    expect(readDeployMode(["--verbose"], { NEWSROOM_DEPLOY: "0" })).toEqual({ deploy: false, rest: ["--verbose"] });
  });
  it("is on with --deploy, which it takes out of the arguments", () => {
    expect(readDeployMode(["--verbose", "--deploy"], {})).toEqual({ deploy: true, rest: ["--verbose"] });
  });
  it.each(["1", "true", "TRUE"])("is on with NEWSROOM_DEPLOY=%s", (value) => {
    expect(readDeployMode([], { NEWSROOM_DEPLOY: value }).deploy).toBe(true);
  });
  it("refuses a value it would have to guess at", () => {
    expect(() => readDeployMode([], { NEWSROOM_DEPLOY: "yes" })).toThrow(/NEWSROOM_DEPLOY: "yes" is not a setting/);
  });
});

describe("siteAddressFinding", () => {
  const placeholder = { url: "https://example.org", fromEnv: false, configLine: 34 };

  it("warns about the placeholder, naming the file, line, setting and SITE_URL", () => {
    const finding = siteAddressFinding(placeholder, false);
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toMatch(
      /^src\/site\.config\.ts:34: warning: site\.url: "https:\/\/example\.org" is a placeholder/,
    );
    expect(finding?.message).toContain("SITE_URL");
    expect(finding?.message).toContain("--deploy");
  });

  it("refuses the placeholder in a build for deployment", () => {
    const finding = siteAddressFinding(placeholder, true);
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toMatch(
      /^src\/site\.config\.ts:34: site\.url: "https:\/\/example\.org" is a placeholder address/,
    );
  });

  it("names SITE_URL when the address came from it", () => {
    const finding = siteAddressFinding({ url: "https://news.example.com/", fromEnv: true }, true);
    expect(finding?.message).toMatch(/^SITE_URL \(environment\): "https:\/\/news\.example\.com\/"/);
  });

  it("says nothing about a real address, deployed or not", () => {
    expect(siteAddressFinding({ url: "https://news.wiredesk.net", fromEnv: true }, true)).toBeUndefined();
    expect(siteAddressFinding({ url: "https://user.github.io", fromEnv: false }, false)).toBeUndefined();
  });

  it("refuses an address that is not an absolute http(s) URL, even outside deployment", () => {
    expect(siteAddressFinding({ url: "news.wiredesk.net", fromEnv: true }, false)?.severity).toBe("error");
    expect(siteAddressFinding({ url: "ftp://news.wiredesk.net", fromEnv: true }, false)?.severity).toBe("error");
  });
});

describe("siteUrlLine", () => {
  it("finds the setting's line, not the interface's", () => {
    expect(siteUrlLine(CONFIG)).toBe(8);
  });
});

describe("checkDeployAddress", () => {
  it("passes the other arguments on and judges site.url for the mode", () => {
    const check = checkDeployAddress(["--deploy", "--verbose"], {}, "https://example.org", CONFIG);
    expect(check.rest).toEqual(["--verbose"]);
    expect(check.finding?.severity).toBe("error");
    expect(check.finding?.message).toMatch(/^src\/site\.config\.ts:8: /);
  });
  it("is an error, never a plain build, when NEWSROOM_DEPLOY is misspelt", () => {
    const check = checkDeployAddress([], { NEWSROOM_DEPLOY: "ture" }, "https://news.wiredesk.net", CONFIG);
    expect(check.finding?.severity).toBe("error");
  });
  it("leaves a real address alone", () => {
    expect(
      checkDeployAddress([], { NEWSROOM_DEPLOY: "1", SITE_URL: "https://a.net" }, "https://a.net", CONFIG).finding,
    ).toBeUndefined();
  });
});

describe("serverNameFinding", () => {
  it("warns about a placeholder server_name, and refuses it for deployment", () => {
    expect(serverNameFinding("example.org", false, false)?.severity).toBe("warning");
    expect(serverNameFinding("example.org", false, true)?.severity).toBe("error");
    expect(serverNameFinding("example.org", true, true)?.message).toContain("--server-name");
  });
  it("accepts a real host", () => {
    expect(serverNameFinding("news.wiredesk.net", false, true)).toBeUndefined();
  });
});
