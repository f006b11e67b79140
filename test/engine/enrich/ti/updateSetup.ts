// What the updater tests share: a feed server serving Slips' real bundled lists, feed lists naming
// them, a remote-feeds folder in a temporary directory and a configuration pointing at all of it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, cloneConfig } from '../../../../engine/config/defaults';
import type { SlipsConfig } from '../../../../engine/config/types';
import { listedFeeds } from '../../../../engine/enrich/ti/update/listedFeeds';
import {
  type UpdateOptions,
  type UpdateResult,
  updateFeeds,
} from '../../../../engine/enrich/ti/update/updateFeeds';
import { DATA } from '../../../helpers/data';
import { type FeedServer, startFeedServer, staticFeed } from './feedServer';

export const IOCS_FILE = `${DATA}/ti/slips-local-ti-files/own_malicious_iocs.csv`;
export const JA3_FILE = `${DATA}/ti/slips-local-ti-files/own_malicious_JA3.csv`;
export const IOCS = readFileSync(IOCS_FILE, 'utf8');
export const JA3 = readFileSync(JA3_FILE, 'utf8');
/** Feed paths on the server; the file names are what the remote folder keeps them as. */
export const IOC_PATH = '/feeds/own_malicious_iocs.csv';
export const JA3_PATH = '/sslbl/own_malicious_JA3.csv';
export const T0 = Date.parse('2026-11-01T12:00:00Z');
export const DAY = 86400_000;

export interface Setup {
  server: FeedServer;
  dir: string;
  remote: string;
  config: SlipsConfig;
  /** The wall clock the updater sees; tests move it. */
  clock: { now: number };
  update(o?: Partial<UpdateOptions>): Promise<UpdateResult>;
  close(): Promise<void>;
}

export async function setup(): Promise<Setup> {
  const server = await startFeedServer();
  server.route(IOC_PATH, staticFeed(IOCS));
  server.route(JA3_PATH, staticFeed(JA3));
  const dir = mkdtempSync(join(tmpdir(), 'ti-update-'));
  const remote = join(dir, 'remote_data_files');
  mkdirSync(remote);
  mkdirSync(join(dir, 'local'));
  writeFileSync(
    join(dir, 'TI_feeds.csv'),
    `# "Feed","Threat Level","Tags"\n${server.url(IOC_PATH)},high,['local']\n`,
  );
  writeFileSync(join(dir, 'JA3_feeds.csv'), `${server.url(JA3_PATH)},high,['malicious']\n`);
  writeFileSync(join(dir, 'SSL_feeds.csv'), '# none\n');
  const config = cloneConfig(DEFAULT_CONFIG);
  config.threatIntelligence = {
    ...config.threatIntelligence,
    localThreatIntelligenceFiles: join(dir, 'local'),
    downloadPathForRemoteThreatIntelligence: remote,
    tiFiles: join(dir, 'TI_feeds.csv'),
    ja3Feeds: join(dir, 'JA3_feeds.csv'),
    sslFeeds: join(dir, 'SSL_feeds.csv'),
  };
  const clock = { now: T0 };
  const s: Setup = {
    server,
    dir,
    remote,
    config,
    clock,
    update: (o = {}) =>
      updateFeeds({
        folder: remote,
        feeds: listedFeeds(config, []),
        periodSeconds: config.threatIntelligence.updatePeriod,
        maxBytes: config.threatIntelligence.maxFeedBytes,
        timeoutMs: 10_000,
        concurrency: 2,
        force: false,
        now: () => clock.now,
        userAgent: 'slips-notebooks-test',
        ...o,
      }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return s;
}
