import { AxiosError, AxiosHeaders } from "axios";
import { ConnectionError, isConnectionError } from "@prismatic-io/spectral";
import { BynderError, bynderMessage, connectionError, InputError } from "./errors";
import { handleBynderErrors } from "./hooks";

describe("bynderMessage", () => {
  it.each<[string, unknown, string | undefined]>([
    [
      "v4 {message, statuscode}",
      { message: "Asset not found", statuscode: 404 },
      "Asset not found",
    ],
    [
      "OAuth {error, error_description}",
      { error: "invalid_client", error_description: "Client authentication failed" },
      "Client authentication failed",
    ],
    ["{error} alone", { error: "invalid_scope" }, "invalid_scope"],
    ["{errors: [strings]}", { errors: ["a", "b"] }, "a; b"],
    ["{errors: [objects]}", { errors: [{ message: "m1" }, { detail: "d2" }] }, "m1; d2"],
    [
      "{errors: {field: [...]}}",
      { errors: { name: ["is required"], key: "too long" } },
      "name: is required; key: too long",
    ],
    ["{message: {nested}}", { message: { error: "deep" } }, "deep"],
    ["a JSON string", '{"message":"from text"}', "from text"],
    ["plain text", "  Invalid or expired token.\n", "Invalid or expired token."],
    ["a Buffer", Buffer.from('{"message":"buffered"}'), "buffered"],
    ["an ArrayBuffer", new TextEncoder().encode('{"error":"ab"}').buffer, "ab"],
    ["a Uint8Array", new TextEncoder().encode("typed text"), "typed text"],
    [
      "S3 XML",
      "<Error><Code>NoSuchUpload</Code><Message>The upload does not exist</Message></Error>",
      "NoSuchUpload: The upload does not exist",
    ],
    ["HTML", "<html><title>504 Gateway Time-out</title></html>", "504 Gateway Time-out"],
    ["tag soup", "<p>Service <b>down</b></p>", "Service down"],
    ["an unknown object", { statuscode: 500 }, '{"statuscode":500}'],
    ["broken JSON", "{not json", "{not json"],
    ["empty string", "", undefined],
    ["whitespace", "   ", undefined],
    ["empty object", {}, undefined],
    ["empty array", [], undefined],
    ["null", null, undefined],
    ["undefined", undefined, undefined],
  ])("reads %s", (_what, body, expected) => {
    expect(bynderMessage(body)).toBe(expected);
  });

  it("names each field of a body keyed by field, as asset usage answers", () => {
    expect(bynderMessage({ asset_id: "Asset X does not exist.", uri: ["Required."] })).toBe(
      "asset_id: Asset X does not exist.; uri: Required.",
    );
    expect(bynderMessage({ count: 3, nested: { a: 1 } })).toBe('{"count":3,"nested":{"a":1}}');
  });

  it("truncates long bodies", () => {
    const message = bynderMessage("x".repeat(2000))!;
    expect(message).toHaveLength(501);
    expect(message.endsWith("…")).toBe(true);
  });
});

describe("connectionError", () => {
  it("carries the connection's key but never its fields or token", () => {
    const error = connectionError(
      {
        key: "bynder-oauth",
        configVarKey: "Bynder",
        fields: { clientSecret: "s3cr3t-value" },
        token: { access_token: "t0k3n-value" },
      },
      "Reconnect",
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("Reconnect");
    expect(error.connection).toEqual({ key: "bynder-oauth", configVarKey: "Bynder", fields: {} });
    expect(JSON.stringify(error)).not.toMatch(/s3cr3t|t0k3n/);
  });

  it("is named ConnectionError even when the bundle's minifier leaves spectral's class nameless", () => {
    jest.isolateModules(() => {
      const actual =
        jest.requireActual<typeof import("@prismatic-io/spectral")>("@prismatic-io/spectral");
      // What webpack's minifier makes of the class: an anonymous constructor (name "").
      const Nameless = (() => class extends actual.ConnectionError {})();
      expect(Nameless.name).toBe("");
      jest.doMock("@prismatic-io/spectral", () => ({ ...actual, ConnectionError: Nameless }));
      const { connectionError: bundled } =
        jest.requireActual<typeof import("./errors")>("./errors");
      const error = bundled({ key: "k", configVarKey: "", fields: {} }, "Reconnect");
      expect(error).toBeInstanceOf(Nameless);
      expect(error.name).toBe("ConnectionError");
      expect(String(error)).toBe("ConnectionError: Reconnect");
    });
    jest.dontMock("@prismatic-io/spectral");
  });
});

describe("handleBynderErrors", () => {
  it("passes our own and spectral errors through unchanged", () => {
    const ours = new BynderError("Bynder GET /x failed with HTTP 404: gone", 404, "GET", "/x");
    const input = new InputError("ID is required.");
    const connection = connectionError({ key: "k", configVarKey: "", fields: {} }, "m");
    expect(handleBynderErrors(ours)).toBe(ours);
    expect(handleBynderErrors(input)).toBe(input);
    expect(handleBynderErrors(connection)).toBe(connection);
    expect(isConnectionError(handleBynderErrors(connection))).toBe(true);
  });

  it("keeps the body of a stray axios error", () => {
    const error = new AxiosError(
      "Request failed with status code 400",
      "ERR_BAD_REQUEST",
      undefined,
      undefined,
      {
        status: 400,
        statusText: "Bad Request",
        data: { message: "bad" },
        headers: {},
        config: { headers: new AxiosHeaders() },
      },
    );
    expect(handleBynderErrors(error)).toMatchObject({ status: 400, data: { message: "bad" } });
  });
});
