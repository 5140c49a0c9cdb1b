import { FairQueue } from '../../src/service/fair-queue';

describe('FairQueue', () => {
  it('should serve keys in turn, each in arrival order', () => {
    const queue = new FairQueue<string>(10, 100);
    for (const job of ['a1', 'a2', 'a3', 'b1', 'c1', 'b2']) queue.push(job.slice(0, 1), job);
    const served: string[] = [];
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) served.push(job);
    expect(served).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(queue.length).toBe(0);
  });

  it('should refuse a job past the limit of its key or of the whole queue', () => {
    const queue = new FairQueue<number>(2, 3);
    expect([queue.push('a', 1), queue.push('a', 2), queue.push('a', 3)]).toEqual([true, true, false]);
    expect([queue.push('b', 4), queue.push('c', 5)]).toEqual([true, false]);
    expect(queue.length).toBe(3);
    queue.shift();
    expect(queue.push('c', 6)).toBe(true);
  });
});
