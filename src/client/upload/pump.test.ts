import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { BynderError } from "../errors";
import { pumpChunks } from "./pump";
import { MemoryGauge } from "./sources";
import { countingSource } from "./testing";

const noProgress = { chunkDone: () => undefined };

describe("pumpChunks", () => {
  it("runs at most `parallel` chunks at once and holds at most parallel + 1", async () => {
    const { data, source } = countingSource(40 * 1024);
    const memory = new MemoryGauge();
    let running = 0;
    let most = 0;
    const seen = new Map<number, Buffer>();
    const result = await pumpChunks(
      source,
      1024,
      3,
      memory,
      noProgress,
      async (chunk, index) => {
        running++;
        most = Math.max(most, running);
        seen.set(index, Buffer.from(chunk));
        await sleep(1 + (index % 4));
        running--;
      },
      true,
    );
    expect(result).toEqual({
      chunks: 40,
      size: 40 * 1024,
      sha256: createHash("sha256").update(data).digest("hex"),
    });
    expect(most).toBe(3);
    expect(memory.peak).toBeLessThanOrEqual(4);
    expect(memory.live).toBe(0);
    const joined = Buffer.concat([...seen.keys()].sort((a, b) => a - b).map((i) => seen.get(i)!));
    expect(joined.equals(data)).toBe(true);
  });

  it("stops reading at the first persistent failure, lets the others finish, and throws it", async () => {
    const { state, source } = countingSource(100 * 1024);
    const memory = new MemoryGauge();
    const finished: number[] = [];
    const error = await pumpChunks(source, 1024, 2, memory, noProgress, async (_chunk, index) => {
      await sleep(2);
      if (index === 4) throw new BynderError("chunk 5 broke");
      finished.push(index);
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(BynderError);
    expect((error as Error).message).toBe("chunk 5 broke");
    expect(Math.max(...finished)).toBeLessThan(8);
    expect(state.pulled).toBeLessThan(20 * 1024);
    expect(state.destroyed).toBe(true);
    expect(memory.live).toBe(0);
  });
});
