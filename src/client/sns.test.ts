/** The SNS requests: the AWS-shaped URL is intercepted by nock; nothing leaves the machine. */
import nock, {
  activate,
  cleanAll,
  disableNetConnect,
  enableNetConnect,
  isActive,
  isDone,
  restore,
} from "nock";
import { TEST_SIGNING_CERT } from "../../emulator/sns/signer";
import { clearCertificateCache, fetchSigningCertificate, followSubscribeUrl } from "./sns";

const HOST = "https://sns.eu-west-1.amazonaws.com";
const CERT_PATH = "/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";

beforeAll(() => {
  if (!isActive()) activate();
  disableNetConnect();
});
afterEach(() => {
  cleanAll();
  clearCertificateCache();
});
afterAll(() => {
  enableNetConnect();
  restore();
});

describe("fetchSigningCertificate", () => {
  it("downloads the certificate once, without credentials, then serves it from the cache", async () => {
    const headers: Record<string, unknown>[] = [];
    const scope = nock(HOST)
      .get(CERT_PATH)
      .once()
      .reply(function () {
        headers.push(this.req.headers);
        return [200, TEST_SIGNING_CERT, { "Content-Type": "application/x-x509-ca-cert" }];
      });
    expect(await fetchSigningCertificate(`${HOST}${CERT_PATH}`)).toBe(TEST_SIGNING_CERT);
    expect(await fetchSigningCertificate(`${HOST}${CERT_PATH}`)).toBe(TEST_SIGNING_CERT);
    expect(scope.isDone()).toBe(true);
    expect(headers).toHaveLength(1);
    expect(headers[0].authorization).toBeUndefined();
  });

  it("does not cache what is not a certificate", async () => {
    nock(HOST).get(CERT_PATH).twice().reply(200, "<html>maintenance</html>");
    await fetchSigningCertificate(`${HOST}${CERT_PATH}`);
    expect(await fetchSigningCertificate(`${HOST}${CERT_PATH}`)).toBe("<html>maintenance</html>");
    expect(isDone()).toBe(true);
  });

  it("fails with the status when SNS does not serve it", async () => {
    nock(HOST).get(CERT_PATH).reply(404, "Not Found");
    await expect(fetchSigningCertificate(`${HOST}${CERT_PATH}`)).rejects.toThrow("HTTP 404");
  });
});

describe("followSubscribeUrl", () => {
  it("GETs the URL as it is and returns SNS's status", async () => {
    const scope = nock(HOST)
      .get("/")
      .query({
        Action: "ConfirmSubscription",
        TopicArn: "arn:aws:sns:eu-west-1:123456789012:t",
        Token: "abc",
      })
      .reply(200, "<ConfirmSubscriptionResponse/>");
    const status = await followSubscribeUrl(
      `${HOST}/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:t&Token=abc`,
    );
    expect(status).toBe(200);
    expect(scope.isDone()).toBe(true);
  });
});
