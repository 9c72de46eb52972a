import { every, sleep } from '@labs/config';
import { SimulatedClock } from '../src/simulated-clock';

const T0 = 1_800_000_000_000;

describe('SimulatedClock', () => {
  it('jumps to each scheduled call in time order, equal times in scheduling order, without waiting', async () => {
    const clock = new SimulatedClock(T0);
    const seen: string[] = [];
    clock.schedule(3_600_000, () => seen.push(`b@${clock.now() - T0}`));
    clock.schedule(1_000, () => seen.push(`a@${clock.now() - T0}`));
    clock.schedule(3_600_000, () => seen.push(`c@${clock.now() - T0}`));
    // Without waiting: no real timer is set (a deterministic check, whatever the machine's load).
    const realTimers = jest.spyOn(global, 'setTimeout');
    await sleep(clock, 7_200_000);
    expect(seen).toEqual(['a@1000', 'b@3600000', 'c@3600000']);
    expect(clock.now()).toBe(T0 + 7_200_000);
    expect(realTimers).not.toHaveBeenCalled();
    realTimers.mockRestore();
  });

  it('cancelled calls never run; sleep ends early when its signal aborts', async () => {
    const clock = new SimulatedClock(T0);
    const cancelled = jest.fn();
    clock.schedule(10, cancelled)();
    const stop = new AbortController();
    clock.schedule(50, () => stop.abort());
    await sleep(clock, 60_000, stop.signal);
    expect(clock.now()).toBe(T0 + 50);
    expect(cancelled).not.toHaveBeenCalled();
    await sleep(clock, 100);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('holds time still while tracked I/O is in flight', async () => {
    const clock = new SimulatedClock(T0);
    let answered = false;
    const io = clock.during(new Promise<void>((resolve) => setTimeout(resolve, 50)).then(() => void (answered = true)));
    let timeAtAnswer = -1;
    void io.then(() => (timeAtAnswer = clock.now()));
    await sleep(clock, 10_000);
    expect(answered).toBe(true);
    expect(timeAtAnswer).toBe(T0);
  });

  it('tracking wraps an SDK-style client so each send holds time still', async () => {
    const clock = new SimulatedClock(T0);
    const client = clock.tracking({ send: (n: number) => new Promise<number>((resolve) => setTimeout(() => resolve(n * 2), 20)) });
    const answers: number[] = [];
    const stopEvery = every(clock, 1_000, () => void client.send(answers.length).then((a) => answers.push(clock.now() - T0 + a)));
    await sleep(clock, 3_500);
    stopEvery();
    await sleep(clock, 10_000);
    expect(answers).toEqual([1000, 2002, 3004]);
  });
});
