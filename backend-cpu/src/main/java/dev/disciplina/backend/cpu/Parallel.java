package dev.disciplina.backend.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the numbered tasks of one job on the calling thread and a small fixed set of daemon worker
 * threads.
 *
 * <p>Tasks are claimed one at a time from a shared counter; the caller claims too, so a job
 * finishes even when every worker is busy with another caller's job (no task ever waits for an
 * unclaimed task, so there is no deadlock). Which thread runs which task varies; kernels split
 * work so that a task's result does not depend on that, which keeps results bit-identical for any
 * number of threads.
 */
final class Parallel {

  private final int threads;
  private final ExecutorService workers;

  /** A runner using the caller plus {@code threads - 1} daemon workers. */
  Parallel(int threads) {
    this.threads = Math.max(1, threads);
    if (this.threads == 1) {
      workers = null;
    } else {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread t = new Thread(r, "disciplina-cpu-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      workers = new ThreadPoolExecutor(this.threads - 1, this.threads - 1, 0L,
          TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
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
    if (tasks == 1 || workers == null) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    Job job = new Job(tasks, body, Thread.currentThread());
    int helpers = Math.min(tasks - 1, threads - 1);
    for (int h = 0; h < helpers; h++) {
      workers.execute(job::work);
    }
    job.work();
    job.await();
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
      int spins = 0;
      while (done.get() < tasks) {
        if (spins < 2000) {
          spins++;
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
