// Types of postgres.js (plain JavaScript so that the benchmarks in bench/ can start the same throwaway cluster).
export declare const PG_USER: string;
export declare const PG_PASSWORD: string;

/** The directory of initdb and pg_ctl, or an error saying what to install. */
export declare function postgresBin(root?: string, fromEnv?: string): string;

export interface Cluster {
  /** postgres://ecoplan:…@127.0.0.1:<port>/postgres — the maintenance database, for creating test databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a cluster; resolves once it accepts connections. */
export declare function startCluster(): Promise<Cluster>;

/** A new empty database on the cluster; returns its URL. */
export declare function createDatabase(adminUrl: string, prefix?: string): Promise<string>;
