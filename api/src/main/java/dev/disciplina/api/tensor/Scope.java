package dev.disciplina.api.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Owns tensors and frees them together: every tensor belongs to exactly one scope, and closing
 * the scope closes every tensor it still owns (native memory of the ND4J and DJL backends is
 * released there and then; the pure-Java backend returns buffers to its pool).
 *
 * <p><b>Lifecycle.</b> Scopes nest per thread. {@link #open(Backend)} starts a root scope on a
 * backend; {@link #open()} starts a child of the current scope on the same backend. A new tensor
 * — made by a factory such as {@link Tensor#zeros(Shape)} or as the result of an operation — is
 * owned by the innermost open scope of the calling thread. Closing a scope first closes the
 * child scopes still open inside it. A typical training run holds parameters and optimizer state
 * in a long-lived model scope and opens one short scope per iteration for everything else:
 *
 * <pre>{@code
 * try (Scope model = Scope.open(Backends.named("cpu"))) {
 *   Module net = ...;                              // parameters live in `model`
 *   for (Batch b : batches) {
 *     try (Scope step = Scope.open()) { ... }      // activations and gradients die here
 *   }
 * }
 * }</pre>
 *
 * <p>To make a tensor in a scope other than the innermost one (optimizer state created lazily,
 * say), call {@link #activate()}: it makes this scope the current one until the returned handle
 * is closed.
 *
 * <p><b>Threading.</b> A scope is confined to the thread that opened it; using it from another
 * thread is an error.
 */
public final class Scope implements AutoCloseable {

  private static final ThreadLocal<Deque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

  private final Backend backend;
  private final Scope parent;
  private final Thread owner = Thread.currentThread();
  private final List<Tensor> tensors = new ArrayList<>();
  private final List<Scope> children = new ArrayList<>();
  private boolean closed;

  private Scope(Backend backend, Scope parent) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.parent = parent;
  }

  /** Opens a scope on {@code backend}, nested in the current scope if there is one. */
  public static Scope open(Backend backend) {
    Deque<Scope> stack = STACK.get();
    Scope parent = stack.peek();
    Scope scope = new Scope(backend, parent);
    if (parent != null) {
      parent.children.add(scope);
    }
    stack.push(scope);
    return scope;
  }

  /** Opens a child of the current scope, on the same backend. */
  public static Scope open() {
    return open(current().backend);
  }

  /**
   * The innermost open scope of this thread.
   *
   * @throws IllegalStateException when no scope is open
   */
  public static Scope current() {
    Scope s = STACK.get().peek();
    if (s == null) {
      throw new IllegalStateException(
          "no open Scope on thread '" + Thread.currentThread().getName()
              + "': tensors must be made inside try (Scope s = Scope.open(backend)) { ... }");
    }
    return s;
  }

  /** Whether a scope is open on this thread. */
  public static boolean isOpen() {
    return STACK.get().peek() != null;
  }

  /** The backend every tensor of this scope is made by. */
  public Backend backend() {
    return backend;
  }

  /** The scope this one was opened in, or {@code null} for a root scope. */
  public Scope parent() {
    return parent;
  }

  public boolean isClosed() {
    return closed;
  }

  /** The number of open tensors this scope owns. */
  public int openTensorCount() {
    int n = 0;
    for (Tensor t : tensors) {
      if (!t.isClosed()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Makes this scope the current one until the returned handle is closed, so that tensors
   * made meanwhile are owned by it.
   */
  public Activation activate() {
    checkUsable("activate");
    Deque<Scope> stack = STACK.get();
    stack.push(this);
    return new Activation(this);
  }

  /** Ownership handed over from another scope (see {@link Tensor#moveTo(Scope)}). */
  void adopt(Tensor t) {
    checkUsable("make a tensor in");
    tensors.add(t);
  }

  void release(Tensor t) {
    // Keeping the list short matters only for long-lived scopes that drop tensors one by one.
    if (!tensors.isEmpty() && tensors.get(tensors.size() - 1) == t) {
      tensors.remove(tensors.size() - 1);
    } else {
      tensors.remove(t);
    }
  }

  private void checkUsable(String action) {
    if (closed) {
      throw new IllegalStateException("cannot " + action + " a closed scope");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "cannot " + action + " a scope of thread '" + owner.getName() + "' from thread '"
              + Thread.currentThread().getName() + "': scopes are confined to one thread");
    }
  }

  /** Closes every child scope still open, then every tensor this scope owns. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "scope of thread '" + owner.getName() + "' closed from thread '"
              + Thread.currentThread().getName() + "'");
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).close();
    }
    children.clear();
    closed = true;
    RuntimeException failure = null;
    for (int i = tensors.size() - 1; i >= 0; i--) {
      try {
        tensors.get(i).closeOwned();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    tensors.clear();
    STACK.get().removeIf(s -> s == this);
    if (parent != null) {
      parent.children.remove(this);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The handle returned by {@link #activate()}; closing it restores the previous scope. */
  public static final class Activation implements AutoCloseable {
    private final Scope scope;
    private boolean done;

    private Activation(Scope scope) {
      this.scope = scope;
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        STACK.get().removeFirstOccurrence(scope);
      }
    }
  }
}
