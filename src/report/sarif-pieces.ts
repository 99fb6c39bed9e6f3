/**
 * Serialised SARIF entries (rules or results) held as a few large strings instead of one string
 * each. 20,000 findings make ~40,000 entries (~25 MB): held one by one they were young objects
 * that every scavenge copied and promoted (~200 ms of garbage collection, issue 13 §1), built by
 * concatenation they were ropes twice their size. Joined about every 256 K characters they are
 * flat, sit in the large-object space and cost the collector nothing. The list is the entries
 * joined with `,`, as they appear in the log; an entry or a prefix of the list is a slice of it.
 */
const BATCH_UNITS = 256 * 1024;

export class PieceList {
  /** The joined batches; batch b starts at `starts[b]` in the whole list. */
  private readonly batches: string[] = [];
  private readonly starts: number[] = [];
  /** Where each entry ends in the whole list, and the batch holding it. */
  private readonly ends: number[] = [];
  private readonly batchOf: number[] = [];
  private pending: string[] = [];
  private pendingUnits = 0;
  /** Where the next entry starts in the whole list. */
  private next = 0;

  get count(): number {
    return this.ends.length;
  }

  push(piece: string): void {
    if (this.pending.length === 0) this.starts.push(this.next);
    this.pending.push(piece);
    this.pendingUnits += piece.length + 1;
    this.ends.push(this.next + piece.length);
    this.batchOf.push(this.batches.length);
    this.next += piece.length + 1;
    if (this.pendingUnits >= BATCH_UNITS) this.seal();
  }

  /** Joins what is pending into one batch; called by `push` and once at the end. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.batches.push(this.pending.join(','));
    this.pending = [];
    this.pendingUnits = 0;
  }

  /** Entry `i` on its own (sealed lists only). */
  get(i: number): string {
    const batch = this.batchOf[i] ?? 0;
    const base = this.starts[batch] ?? 0;
    const start = i === 0 ? 0 : (this.ends[i - 1] ?? 0) + 1;
    return (this.batches[batch] ?? '').slice(start - base, (this.ends[i] ?? 0) - base);
  }

  /** The first `k` entries joined with `,`, pushed onto `chunks` (sealed lists only). */
  pushPrefix(chunks: string[], k: number): void {
    if (k <= 0) return;
    const last = this.batchOf[k - 1] ?? 0;
    for (let b = 0; b < last; b += 1) {
      if (b > 0) chunks.push(',');
      chunks.push(this.batches[b] ?? '');
    }
    if (last > 0) chunks.push(',');
    const batch = this.batches[last] ?? '';
    const end = (this.ends[k - 1] ?? 0) - (this.starts[last] ?? 0);
    chunks.push(end === batch.length ? batch : batch.slice(0, end));
  }
}
