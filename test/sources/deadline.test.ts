import { withDeadline } from '../../src/sources/deadline';

describe('withDeadline', () => {
  it('should pass the answer through when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(42), 1_000)).resolves.toBe(42);
  });

  it('should reject with DASMO_CLIENT_TIMEOUT when no answer comes, and ignore the late one', async () => {
    let lateReject: (reason: Error) => void = () => undefined;
    const never = new Promise<number>((_, reject) => {
      lateReject = reject;
    });
    await expect(withDeadline(never, 20)).rejects.toMatchObject({ code: 'DASMO_CLIENT_TIMEOUT' });
    lateReject(new Error('connection destroyed'));
  });

  it('should pass the query error through', async () => {
    await expect(withDeadline(Promise.reject(Object.assign(new Error('x'), { code: 'ER_NO_SUCH_TABLE' })), 1_000)).rejects.toMatchObject({
      code: 'ER_NO_SUCH_TABLE',
    });
  });
});
