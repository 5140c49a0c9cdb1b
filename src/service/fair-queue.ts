/**
 * Jobs waiting for a scarce resource, served round-robin by key (a client address): a key
 * with many jobs waiting gets one turn in N like every other key, so one flooding client
 * delays another by at most one job per competing key. Bounded per key and in all.
 */
export class FairQueue<Job> {
  private readonly waiting = new Map<string, Job[]>();
  private size = 0;

  constructor(
    private readonly perKeyLimit: number,
    private readonly totalLimit: number,
  ) {}

  get length(): number {
    return this.size;
  }

  /** False (the job is not queued) when its key or the whole queue is full. */
  push(key: string, job: Job): boolean {
    const jobs = this.waiting.get(key);
    if (this.size >= this.totalLimit || (jobs?.length ?? 0) >= this.perKeyLimit) return false;
    if (jobs === undefined) this.waiting.set(key, [job]);
    else jobs.push(job);
    this.size += 1;
    return true;
  }

  /** The oldest job of the key whose turn it is; that key then goes to the back of the line. */
  shift(): Job | undefined {
    const next = this.waiting.entries().next();
    if (next.done === true) return undefined;
    const [key, jobs] = next.value;
    const job = jobs.shift() as Job;
    this.waiting.delete(key);
    if (jobs.length > 0) this.waiting.set(key, jobs);
    this.size -= 1;
    return job;
  }
}
