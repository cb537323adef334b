package dev.disciplina.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Runs the numbered tasks of one job on the calling thread and a small fixed set of daemon worker
 * threads.
 *
 * <p>Tasks are claimed one at a time from a shared counter; the caller claims too, so a job
 * finishes even when every worker is delayed (no task ever waits for an unclaimed task, so there
 * is no deadlock). Which thread runs which task varies; kernels split work so that a task's result
 * does not depend on that, which keeps results bit-identical for any number of threads.
 *
 * <p><b>Latency.</b> One training step of a small network is a few dozen kernels of tens to
 * hundreds of microseconds each, so the hand-over must cost a few microseconds, not the tens that
 * a thread pool's queue and a sleeping thread cost. A worker that has finished a job therefore
 * spins for a short while ({@code -Ddisciplina.cpu.spinMicros}, default 200) watching for the
 * next one before it parks; a job is published through one volatile field, and only parked
 * workers are unparked. One job runs at a time: a caller that finds another caller's job running
 * runs its own tasks alone, which gives the same result.
 */
final class Parallel {

  /** How long an idle worker watches for the next job before it parks. */
  static final long SPIN_NANOS = Long.getLong("disciplina.cpu.spinMicros", 200L) * 1000L;

  private final int threads;
  private final Worker[] workers;
  private final ReentrantLock running = new ReentrantLock();
  private volatile Job current;

  /** A runner using the caller plus {@code threads - 1} daemon workers. */
  Parallel(int threads) {
    this.threads = Math.max(1, threads);
    this.workers = new Worker[this.threads - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker();
      Thread t = new Thread(workers[w], "disciplina-cpu-" + (w + 1));
      t.setDaemon(true);
      workers[w].thread = t;
      t.start();
    }
  }

  /** The number of threads a job may use, the caller included. */
  int threads() {
    return threads;
  }

  /** Runs {@code body} for every task number in {@code [0, tasks)} and returns when all are done. */
  void run(int tasks, IntConsumer body) {
    if (tasks <= 0) {
      return;
    }
    if (tasks == 1 || workers.length == 0 || !running.tryLock()) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    try {
      Job job = new Job(tasks, body, Thread.currentThread());
      current = job;
      int helpers = Math.min(tasks - 1, workers.length);
      for (int h = 0; h < helpers; h++) {
        Worker w = workers[h];
        if (w.parked) {
          LockSupport.unpark(w.thread);
        }
      }
      job.work();
      job.await();
      current = null;
    } finally {
      running.unlock();
    }
  }

  /** Splits {@code [0, n)} into about {@code n / grain} pieces (multiples of {@code align}). */
  void range(int n, int grain, int align, RangeBody body) {
    int pieces = threads == 1 ? 1 : Math.min(2 * threads, Math.max(1, n / grain));
    if (pieces <= 1) {
      body.accept(0, n);
      return;
    }
    int per = (n + pieces - 1) / pieces;
    int step = (per + align - 1) / align * align;
    int count = (n + step - 1) / step;
    run(count, t -> body.accept(t * step, Math.min(n, (t + 1) * step)));
  }

  /** The body of {@link #range}: handles {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void accept(int from, int to);
  }

  private final class Worker implements Runnable {
    Thread thread;
    volatile boolean parked;

    @Override
    public void run() {
      Job last = null;
      while (true) {
        Job job = current;
        if (job != null && job != last) {
          last = job;
          job.work();
          continue;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while ((job = current) == null || job == last) {
          if (System.nanoTime() - deadline > 0) {
            parked = true;
            job = current;
            if (job == null || job == last) {
              LockSupport.park(this);
            }
            parked = false;
            deadline = System.nanoTime() + SPIN_NANOS;
          } else {
            Thread.onSpinWait();
          }
        }
      }
    }
  }

  private static final class Job {
    private final int tasks;
    private final IntConsumer body;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int tasks, IntConsumer body, Thread caller) {
      this.tasks = tasks;
      this.body = body;
      this.caller = caller;
    }

    void work() {
      int t;
      while ((t = next.getAndIncrement()) < tasks) {
        try {
          if (failure.get() == null) {
            body.accept(t);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          if (done.incrementAndGet() == tasks && Thread.currentThread() != caller) {
            LockSupport.unpark(caller);
          }
        }
      }
    }

    void await() {
      long deadline = System.nanoTime() + SPIN_NANOS;
      while (done.get() < tasks) {
        if (System.nanoTime() - deadline < 0) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, 50_000L);
        }
      }
      Throwable e = failure.get();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new IllegalStateException(e);
      }
    }
  }
}
