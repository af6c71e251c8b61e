/**
 * Kysely dialect for PGlite: PostgreSQL compiled to wasm, running inside this process. SQL, the
 * query compiler and the introspector are PostgreSQL's own; only the driver differs. PGlite has a
 * single backend, so the driver lends its one connection to one caller at a time: a transaction
 * keeps it from BEGIN to COMMIT, and no other statement can slip in between.
 */
import type { PGlite } from '@electric-sql/pglite';
import type {
  CompiledQuery as CompiledQueryType,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely as KyselyType,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from './native-modules';

/** First come, first served; `acquire` resolves with the function that hands the lock on. */
class Mutex {
  #last: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    const previous = this.#last;
    let release!: () => void;
    this.#last = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return release;
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQueryType): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows;
    return { rows: result.rows, numAffectedRows: affected === undefined ? undefined : BigInt(affected) };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite cannot stream query results; select in pages instead');
  }
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

class PGliteDriver implements Driver {
  #pglite: PGlite | undefined;
  #connection: PGliteConnection | undefined;
  #release: (() => void) | undefined;
  readonly #mutex = new Mutex();

  constructor(private readonly open: () => Promise<PGlite>) {}

  async init(): Promise<void> {
    this.#pglite = await this.open();
    this.#connection = new PGliteConnection(this.#pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire();
    if (!this.#connection) {
      release();
      throw new Error('PGlite driver used before init()');
    }
    this.#release = release;
    return this.#connection;
  }

  releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
    return Promise.resolve();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(`begin ${modes.join(', ')}`.trim()));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async destroy(): Promise<void> {
    if (this.#pglite && !this.#pglite.closed) await this.#pglite.close();
  }
}

export class PGliteDialect implements Dialect {
  /** `open` creates (or returns) the PGlite instance; it is called once, when Kysely first connects. */
  constructor(private readonly open: () => Promise<PGlite>) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.open);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: KyselyType<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
