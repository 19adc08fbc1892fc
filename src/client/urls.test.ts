import { InputError } from "./errors";
import { externalRequest } from "./client";
import { capture, failure, startServer, text } from "./testing";
import { checkedUrl, isLoopback, portalOriginOf, redactForeignUrl, redactUrl, scrub } from "./urls";

describe("isLoopback", () => {
  it.each([
    ["http://localhost:3000/", true],
    ["http://LOCALHOST/", true],
    ["http://127.0.0.1/", true],
    ["http://127.255.10.2:9/", true],
    ["http://127.1/", true], // the URL parser normalises it to 127.0.0.1
    ["http://[::1]:8080/", true],
    ["http://localhost.evil.com/", false],
    ["http://127.0.0.1.nip.io/", false],
    ["http://128.0.0.1/", false],
    ["http://[::2]/", false],
    ["http://0.0.0.0/", false],
  ])("%s → %p", (url, expected) => {
    expect(isLoopback(new URL(url))).toBe(expected);
  });
});

describe("checkedUrl", () => {
  it("accepts https anywhere and http on loopback", () => {
    expect(checkedUrl("https://bucket.s3.amazonaws.com/x?a=1", "Upload URL").host).toBe(
      "bucket.s3.amazonaws.com",
    );
    expect(checkedUrl("http://127.0.0.1:9000/s3", "Upload URL").port).toBe("9000");
  });

  it.each([
    [
      "not a url",
      /^Source URL: "not a url" is not a valid URL\. Enter a full URL starting with https:\/\/\.$/,
    ],
    [
      "http://example.com/a",
      /^Source URL: "http:\/\/example\.com" is not allowed\. Enter a URL starting with https:\/\//,
    ],
    ["file:///etc/passwd", /^Source URL: "file:" is not allowed/],
    ["javascript:alert(1)", /^Source URL: "javascript:" is not allowed/],
    [
      "https://user:pa55word@example.com/",
      /^Source URL: the URL must not contain a user name or password/,
    ],
    [
      "http://user:pa55word@example.com/",
      /^Source URL: the URL must not contain a user name or password/,
    ],
  ])("rejects %s with a message naming the input", (url, message) => {
    let error: unknown;
    try {
      checkedUrl(url, "Source URL");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("pa55word");
  });
});

describe("portalOriginOf", () => {
  it("returns the origin of the Token URL, else the Authorize URL", () => {
    expect(
      portalOriginOf({ tokenUrl: " https://a.bynder.com:8443/v6/authentication/oauth2/token " }),
    ).toBe("https://a.bynder.com:8443");
    expect(
      portalOriginOf({
        tokenUrl: "",
        authorizeUrl: "https://b.bynder.com/v6/authentication/oauth2/auth",
      }),
    ).toBe("https://b.bynder.com");
    expect(() => portalOriginOf({ tokenUrl: 42 })).toThrow(/^Authorize URL is missing/);
  });
});

describe("redactUrl and scrub", () => {
  it("replaces the values of secret query parameters and user info, keeping the rest", () => {
    const url =
      "https://bucket.s3.amazonaws.com/p/file.png?X-Amz-Date=20240101T000000Z&X-Amz-Credential=AKIA%2Fx&X-Amz-Signature=deadbeef&X-Amz-Security-Token=IQoJ&response-content-type=image%2Fpng";
    const redacted = redactUrl(url);
    expect(redacted).toContain("X-Amz-Date=20240101T000000Z");
    expect(redacted).toContain("response-content-type=image%2Fpng");
    for (const secret of ["AKIA", "deadbeef", "IQoJ"]) expect(redacted).not.toContain(secret);
    expect(redactUrl("https://me:pw123456@host/x?access_token=abc&token=def&sig=ghi")).toBe(
      "https://redacted@host/x?access_token=%5Bredacted%5D&token=%5Bredacted%5D&sig=%5Bredacted%5D",
    );
    expect(redactUrl("/relative?access_token=abc&page=2")).toBe(
      "/relative?access_token=[redacted]&page=2",
    );
  });

  it("scrubs tokens, bearer credentials, signed-URL parameters, OAuth fields and S3 signatures from text", () => {
    const token = "abcdefghijklmnop0123";
    const text = [
      `token ${token} here`,
      "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
      "see https://x/y?X-Amz-Signature=feedface&Policy=eyJleHA&keep=1",
      '{"access_token":"at-1","refresh_token":"rt-2","client_secret":"cs-3","name":"ok"}',
      "<SignatureProvided>cafe</SignatureProvided><StringToSign>AWS4 cafe</StringToSign>",
      "Bearer token is missing",
    ].join("\n");
    const out = scrub(text, [token]);
    for (const secret of [
      token,
      "eyJhbGci",
      "feedface",
      "eyJleHA",
      "at-1",
      "rt-2",
      "cs-3",
      "cafe",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("keep=1");
    expect(out).toContain('"name":"ok"');
    expect(out).toContain("Bearer token is missing"); // ordinary words stay
  });
});

describe("URLs outside the portal", () => {
  it("show no query values at all, whatever the parameters are called", () => {
    expect(
      redactForeignUrl(
        "https://me:pw@cdn.example.com/f/a.png?auth=s3cr3t&sv=2024&page=2&auth=x#k=v",
      ),
    ).toBe(
      "https://redacted@cdn.example.com/f/a.png?auth=[redacted]&sv=[redacted]&page=[redacted]",
    );
    expect(redactForeignUrl("https://cdn.example.com/f/a.png")).toBe(
      "https://cdn.example.com/f/a.png",
    );
    expect(redactForeignUrl("not a url?auth=s3cr3t")).toBe("not a url");
    expect(() => checkedUrl("ht!tp://x/?auth=s3cr3t", "Source URL")).toThrow(
      'Source URL: "ht!tp://x/" is not a valid URL.',
    );
  });

  it("a debug line and an error of an external call never show them", async () => {
    const server = await startServer();
    try {
      server.reply(text(200, "ok"), text(404, "gone"));
      const { context, lines } = capture(true);
      const url = `${server.origin}/files/a.png?auth=s3cr3tvalue&expires=1700000000`;
      await externalRequest(url, { method: "GET", responseType: "text" }, context);
      const error = await failure(
        externalRequest(url, { method: "GET", responseType: "text" }, context),
      );
      expect(lines.debug[0]).toMatch(
        new RegExp(
          `^Bynder GET ${server.origin}/files/a\\.png\\?auth=\\[redacted\\]&expires=\\[redacted\\] → 200 in \\d+ ms$`,
        ),
      );
      const everything = [...lines.all(), error.message].join("\n");
      expect(everything).not.toContain("s3cr3tvalue");
      expect(everything).not.toContain("1700000000");
    } finally {
      await server.close();
    }
  });
});
