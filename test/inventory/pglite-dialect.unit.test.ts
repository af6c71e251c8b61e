/** The PGlite dialect: one connection lent to one caller at a time, transactions that really isolate. */
import { Kysely, loadPGlite, sql } from '../../inventory/db/native-modules';
import { PGliteDialect } from '../../inventory/db/pglite-dialect';

interface TestDb {
  note: { id: number; text: string };
}

let db: Kysely<TestDb>;
const count = async (q: Kysely<TestDb> = db) =>
  Number(
    (
      await q
        .selectFrom('note')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  db = new Kysely<TestDb>({ dialect: new PGliteDialect(() => loadPGlite().PGlite.create()) });
  await sql`create table note (id int primary key, text text not null)`.execute(db);
});
afterAll(() => db.destroy());
beforeEach(() => sql`truncate note`.execute(db));

test('a statement issued while a transaction is open waits for it instead of landing inside it', async () => {
  const inside = db.transaction().execute(async (trx) => {
    await trx.insertInto('note').values({ id: 1, text: 'in the transaction' }).execute();
    await pause(50);
    return count(trx);
  });
  await pause(10);
  const outside = db.insertInto('note').values({ id: 2, text: 'outside' }).execute();
  expect(await inside).toBe(1);
  await outside;
  expect(await count()).toBe(2);
});

test('a failing transaction rolls back and the connection stays usable', async () => {
  await expect(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ id: 1, text: 'lost' }).execute();
      throw new Error('business refusal');
    }),
  ).rejects.toThrow('business refusal');
  expect(await count()).toBe(0);
  await db.insertInto('note').values({ id: 1, text: 'kept' }).execute();
  expect(await count()).toBe(1);
});

test('savepoints roll back part of a transaction', async () => {
  const trx = await db.startTransaction().execute();
  await trx.insertInto('note').values({ id: 1, text: 'kept' }).execute();
  const sp = await trx.savepoint('before_second').execute();
  await sp.insertInto('note').values({ id: 2, text: 'undone' }).execute();
  const back = await sp.rollbackToSavepoint('before_second').execute();
  await back.commit().execute();
  expect(await db.selectFrom('note').select('text').execute()).toEqual([{ text: 'kept' }]);
});

test('many concurrent transactions are serialised, none lost', async () => {
  await Promise.all(
    Array.from({ length: 20 }, (_, id) =>
      db.transaction().execute(async (trx) => {
        const before = await count(trx);
        await trx
          .insertInto('note')
          .values({ id, text: `seen ${before}` })
          .execute();
      }),
    ),
  );
  const seen = (await db.selectFrom('note').select('text').orderBy('id').execute()).map((r) => r.text);
  // Each transaction saw all earlier ones committed and nothing half-done.
  expect(new Set(seen).size).toBe(20);
});
