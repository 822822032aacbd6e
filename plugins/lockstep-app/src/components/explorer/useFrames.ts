import { useEffect, useState } from 'react';
import type { DataFrame, DataSourceApi, TimeRange } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { messageOf, runQuery } from './runQuery';

export type FramesState =
  { status: 'loading' } | { status: 'done'; frames: DataFrame[] } | { status: 'error'; message: string };

interface Answer {
  ds: DataSourceApi<LockstepQuery>;
  key: string;
  state: FramesState;
}

const LOADING: FramesState = { status: 'loading' };

/**
 * Runs the queries whenever they or the range change and returns the answer to the latest ones: until it
 * arrives the state is loading, and an answer to an older request that arrives late is dropped.
 */
export function useFrames(ds: DataSourceApi<LockstepQuery>, targets: LockstepQuery[], range: TimeRange): FramesState {
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const key = JSON.stringify([targets, range.from.valueOf(), range.to.valueOf()]);
  useEffect(() => {
    let live = true;
    const settle = (state: FramesState): void => {
      if (live) {
        setAnswer({ ds, key, state });
      }
    };
    runQuery(ds, targets, range)
      .then((frames) => settle({ status: 'done', frames }))
      .catch((error: unknown) => settle({ status: 'error', message: messageOf(error) }));
    return () => {
      live = false;
    };
    // `key` stands for targets and range: callers build new objects on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ds, key]);
  return answer && answer.ds === ds && answer.key === key ? answer.state : LOADING;
}
