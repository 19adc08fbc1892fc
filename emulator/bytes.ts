/**
 * How the emulator holds uploaded bytes without spending its one thread on them. A real S3 and
 * Bynder spread this work over many machines; the emulator serves every request on one event
 * loop, so joining and hashing large uploads inline would make it, not the client, the limit of
 * an upload benchmark.
 */
import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";

/** How much a background join copies per turn of the event loop. */
const JOIN_STEP_BYTES = 4 * 1024 * 1024;

/**
 * Bytes kept as the pieces they arrived in (an S3 part is many socket reads; a finalised file is
 * all its parts) and joined into one Buffer only when first read.
 */
export class Bytes {
  private pieces: readonly Buffer[];
  private joined: Buffer | undefined;
  /** A join under way: the Buffer being filled and how many pieces are in it. */
  private joining: { target: Buffer; done: number; offset: number } | undefined;
  readonly length: number;

  constructor(pieces: readonly Buffer[] | Buffer) {
    this.pieces = Buffer.isBuffer(pieces) ? [pieces] : pieces;
    this.length = this.pieces.reduce((sum, piece) => sum + piece.length, 0);
    if (this.pieces.length === 1) this.joined = this.pieces[0];
  }

  /** One Bytes of several, in order, without copying. */
  static concat(list: readonly Bytes[]): Bytes {
    return new Bytes(list.flatMap((bytes) => bytes.parts()));
  }

  parts(): readonly Buffer[] {
    return this.joined ? [this.joined] : this.pieces;
  }

  get data(): Buffer {
    if (!this.joined) this.joinSome(Infinity);
    return this.joined!;
  }

  /**
   * Joins the pieces a few MiB at a time on later turns of the event loop, the way Bynder
   * processes a finalised upload in the background: requests meanwhile are answered on time.
   */
  joinInBackground(): void {
    if (this.joined || this.joining) return;
    const step = () => {
      if (!this.joined && !this.joinSome(JOIN_STEP_BYTES)) setImmediate(step);
    };
    setImmediate(step);
  }

  /** Copies pieces into the joined Buffer until `budget` bytes are copied; true once joined. */
  private joinSome(budget: number): boolean {
    this.joining ??= { target: Buffer.allocUnsafe(this.length), done: 0, offset: 0 };
    const job = this.joining;
    let copied = 0;
    while (job.done < this.pieces.length && copied < budget) {
      const piece = this.pieces[job.done++];
      piece.copy(job.target, job.offset);
      job.offset += piece.length;
      copied += piece.length;
    }
    if (job.done < this.pieces.length) return false;
    this.joined = job.target;
    this.pieces = [job.target];
    this.joining = undefined;
    return true;
  }
}

/** Below this an MD5 is quicker inline than a round trip to the hashing thread. */
const INLINE_MD5_BYTES = 1024 * 1024;

const HASHING_THREAD = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
parentPort.on("message", ({ id, memory }) => {
  parentPort.postMessage({ id, hex: createHash("md5").update(new Uint8Array(memory)).digest("hex") });
});
`;

/** MD5s (S3's ETags) of large objects computed on a thread of their own, started when needed. */
export class Md5Hasher {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (hex: string) => void; reject: (error: Error) => void }
  >();

  /**
   * The MD5 of the pieces, and the bytes to keep: large ones joined into shared memory, which the
   * hashing thread reads without a copy.
   */
  async hash(pieces: readonly Buffer[]): Promise<{ bytes: Bytes; md5: string }> {
    const bytes = new Bytes(pieces);
    if (bytes.length < INLINE_MD5_BYTES) return { bytes, md5: md5Hex(bytes) };
    const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
    let offset = 0;
    for (const piece of pieces) offset += piece.copy(shared, offset);
    const id = this.nextId++;
    const md5 = await new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread().postMessage({ id, memory: shared.buffer });
    });
    return { bytes: new Bytes(shared), md5 };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(HASHING_THREAD, { eval: true });
    worker.unref(); // an idle hashing thread never keeps the process alive
    worker.on("message", ({ id, hex }: { id: number; hex: string }) => {
      this.pending.get(id)?.resolve(hex);
      this.pending.delete(id);
    });
    const failAll = (error: Error) => {
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on("error", failAll);
    worker.on("exit", () => failAll(new Error("The MD5 thread stopped")));
    this.worker = worker;
    return worker;
  }
}

export const md5Hex = (bytes: Bytes): string => {
  const hash = createHash("md5");
  for (const piece of bytes.parts()) hash.update(piece);
  return hash.digest("hex");
};
