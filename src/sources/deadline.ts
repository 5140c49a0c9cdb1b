/**
 * The client-side backstop for a statement the server did not stop. mysql2's own `timeout`
 * keeps its timer armed when the connection dies mid-query; this one never outlives the query
 * and never keeps the process alive.
 */
export function withDeadline<T>(query: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(Object.assign(new Error(`no answer within ${milliseconds} ms`), { code: 'DASMO_CLIENT_TIMEOUT' }));
    }, milliseconds);
    timer.unref();
  });
  // The losing query still settles later (its connection is destroyed): nothing must see that.
  query.catch(() => undefined);
  return Promise.race([query, deadline]).finally(() => clearTimeout(timer));
}
