import { MAD_TO_SIGMA, SortedWindow } from './sorted-window';

export interface Baseline {
  /** Median of the recent normal samples. */
  level: number;
  /** Robust sigma: 1.4826 · MAD, never below the floor. */
  scale: number;
}

export interface BaselineFloors {
  /** Rises no larger than this, in the series' unit, never count as evidence. */
  minRise: number;
  /** Rises no larger than this fraction of the level never count as evidence. */
  minRelativeRise: number;
  /** The reference the floors are expressed against (see DetectorOptions.referenceSigmas). */
  referenceSigmas: number;
}

/**
 * A series' recent normal level (median) and spread (MAD) over a fixed number of samples, recomputed only after
 * the samples change. The spread has a floor so that a flat or quantized series — MAD zero or nearly — does not
 * turn every tiny wiggle into many sigmas.
 */
export class RobustBaseline {
  private readonly window: SortedWindow;
  private cached: Baseline | undefined;

  constructor(
    samples: number,
    private readonly floors: BaselineFloors,
  ) {
    this.window = new SortedWindow(samples);
  }

  get size(): number {
    return this.window.size;
  }

  add(value: number): void {
    this.window.push(value);
    this.cached = undefined;
  }

  clear(): void {
    this.window.clear();
    this.cached = undefined;
  }

  current(): Baseline {
    if (this.cached) return this.cached;
    const { minRise, minRelativeRise, referenceSigmas } = this.floors;
    const level = this.window.median();
    // Divided by the reference so that a rise of exactly the floor scores z = reference, which is no evidence.
    const floor = Math.max(minRise, minRelativeRise * Math.abs(level)) / referenceSigmas;
    this.cached = { level, scale: Math.max(MAD_TO_SIGMA * this.window.mad(level), floor) };
    return this.cached;
  }
}
