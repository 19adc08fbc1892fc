import type { BynderClient } from "../client";
import { waitForProcessing } from "./legacy";
import { configureUploads } from "./settings";

/** A portal's 200 JSON answer, as BynderClient.request resolves it. */
const answer = (data: unknown) =>
  Promise.resolve({ status: 200, headers: { "content-type": "application/json" }, data });

describe("waitForProcessing", () => {
  beforeAll(() => configureUploads({ pollInitialMs: 10, pollSteadyMs: 0, pollMaxMs: 40 }));
  afterAll(() => configureUploads({ pollSteadyMs: 2_000 }));

  const portal = (doneAfterPolls: number) => {
    const times: number[] = [];
    const bynder = {
      request: ({ query }: { query: { items: string[] } }) => {
        times.push(Date.now());
        const done = times.length > doneAfterPolls ? [query.items[0]] : [];
        return answer({ itemsDone: done, itemsFailed: [], itemsRejected: [] });
      },
    } as unknown as BynderClient;
    return { bynder, times };
  };

  it("polls with growing pauses until every item is listed", async () => {
    const { bynder, times } = portal(4);
    const state = await waitForProcessing(bynder, ["A"], { timeoutMs: 5_000 });
    expect(state.itemsDone).toEqual(["A"]);
    expect(times).toHaveLength(5);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[2]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeLessThan(200);
  });

  it("keeps the first wait while the steady period lasts, then backs off", async () => {
    configureUploads({ pollSteadyMs: 60, pollMaxMs: 400 });
    try {
      const { bynder, times } = portal(10);
      await waitForProcessing(bynder, ["A"], { timeoutMs: 5_000 });
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // 10 ms apart for 60 ms, then 20, 40, 80, 160
      expect(gaps.slice(0, 4).every((gap) => gap >= 9 && gap < 100)).toBe(true);
      expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(150);
    } finally {
      configureUploads({ pollSteadyMs: 0, pollMaxMs: 40 });
    }
  });

  it("gives up after the timeout, naming what is still processing", async () => {
    const bynder = {
      request: () => answer({ itemsDone: ["A"], itemsFailed: [], itemsRejected: [] }),
    } as unknown as BynderClient;
    await expect(waitForProcessing(bynder, ["A", "B"], { timeoutMs: 100 })).rejects.toThrow(
      /^Bynder was still processing 1 of 2 item\(s\) after 100 ms \(\d+ polls\): B\./,
    );
  });

  it("counts failed and rejected items as settled", async () => {
    const bynder = {
      request: () => answer({ itemsDone: [], itemsFailed: ["a"], itemsRejected: ["B"] }),
    } as unknown as BynderClient;
    const state = await waitForProcessing(bynder, ["A", "B"], { timeoutMs: 100 });
    expect(state).toEqual({ itemsDone: [], itemsFailed: ["a"], itemsRejected: ["B"] });
  });
});
