/**
 * Data time stands still while no data arrives, and an incident resolves only once data time passes the end of
 * its spike plus the quiet period. When a quiet fleet stops sending, this moves data time on by the wall-clock
 * time that passed since the last data, so open incidents still resolve. The clock is injected for tests.
 */
export class IdleAdvance {
  private lastDataWall: number | undefined;
  private newestData: number | undefined;

  constructor(
    /** Wall-clock ms without data before data time is moved; 0 turns this off. */
    private readonly idleMs: number,
    private readonly allowedLatenessMs: number,
    private readonly getNow: () => number,
  ) {}

  /** Called for every accepted batch with its newest data time. */
  noteData(newestTime: number): void {
    this.lastDataWall = this.getNow();
    if (this.newestData === undefined || newestTime > this.newestData) this.newestData = newestTime;
  }

  /**
   * The watermark to advance the engine to, or undefined when data arrived recently. The allowed lateness is
   * kept behind the estimate, as it is for live data, so a sender that was merely slow is not cut off.
   */
  watermark(): number | undefined {
    if (this.idleMs === 0 || this.lastDataWall === undefined || this.newestData === undefined) return undefined;
    const idle = this.getNow() - this.lastDataWall;
    if (idle < this.idleMs) return undefined;
    return this.newestData + idle - this.allowedLatenessMs;
  }
}
