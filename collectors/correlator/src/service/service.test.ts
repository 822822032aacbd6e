import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigSchema, DEFAULT_CONFIG } from './config/schema';
import { silentLogger } from './log';
import { startService } from './service';
import { heapTuningActive } from './v8-heap';

function config(dataDir: string, apiListen = '127.0.0.1:0') {
  return ConfigSchema.parse({
    ...DEFAULT_CONFIG,
    data_dir: dataDir,
    otlp: { listen: '127.0.0.1:0' },
    api: { listen: apiListen, token: '' },
  });
}

describe('startService and the heap sizing', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-service-heap-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sizes the heap before it builds anything (a start sized late leaves the young generation at twice its cap)', async () => {
    let whileBuilding: boolean | undefined;
    const service = await startService(config(dataDir), {
      log: silentLogger,
      routes: () => {
        whileBuilding = heapTuningActive();
        return () => undefined;
      },
    });
    try {
      expect(whileBuilding).toBe(true);
      expect(heapTuningActive()).toBe(true);
    } finally {
      await service.close();
    }
    expect(heapTuningActive()).toBe(false);
  });

  it('gives the sizing back when it cannot start', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(startService(config(dataDir, `127.0.0.1:${port}`), { log: silentLogger })).rejects.toThrow();
      expect(heapTuningActive()).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
