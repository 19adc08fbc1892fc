/** Test helpers of the upload package (never imported by the component). */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { chunksOfStream, type FileSource } from "./sources";

/** A stream source that counts how many bytes the reader has pulled from it. */
export const countingSource = (size: number, pieceSize = 256) => {
  const data = randomBytes(size);
  const state = { pulled: 0, destroyed: false };
  const stream = new Readable({
    highWaterMark: pieceSize,
    read() {
      if (state.pulled >= size) return void this.push(null);
      const piece = data.subarray(state.pulled, state.pulled + pieceSize);
      state.pulled += piece.length;
      this.push(piece);
    },
    destroy(error, callback) {
      state.destroyed = true;
      callback(error);
    },
  });
  const source: FileSource = {
    size,
    chunks: (chunkSize, memory) => chunksOfStream(stream, chunkSize, memory, size),
    close: () => stream.destroy(),
  };
  return { data, state, source };
};
