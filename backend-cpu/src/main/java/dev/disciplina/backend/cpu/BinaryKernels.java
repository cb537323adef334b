package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised loops of the binary operations over runs of values, in three modes: vector-vector
 * ({@code a[i] op b[i]}), vector-scalar ({@code a[i] op s}) and scalar-vector ({@code s op b[i]}).
 * Broadcasting is reduced to these runs by {@link Broadcast}. Each operation has its own loop so
 * that the JIT sees one constant operation per loop. Tails are computed in scalar code with the
 * same IEEE operation, so every element gets the same bits whichever path computed it.
 *
 * <p>Generated from one template; edit all loops alike.
 */
final class BinaryKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private BinaryKernels() {}

  /** {@code o[oo + i] = a[ao + i] op b[bo + i]} for {@code i < n}. */
  static void vv(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> addVV(a, ao, b, bo, o, oo, n);
      case SUB -> subVV(a, ao, b, bo, o, oo, n);
      case MUL -> mulVV(a, ao, b, bo, o, oo, n);
      case DIV -> divVV(a, ao, b, bo, o, oo, n);
      case MAX -> maxVV(a, ao, b, bo, o, oo, n);
      case MIN -> minVV(a, ao, b, bo, o, oo, n);
      default -> throw new IllegalArgumentException("unknown binary op " + op);
    }
  }

  private static void addVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.add(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = x + y;
    }
  }

  private static void subVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.sub(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = x - y;
    }
  }

  private static void mulVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.mul(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = x * y;
    }
  }

  private static void divVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.div(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = x / y;
    }
  }

  private static void maxVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.max(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = Math.max(x, y);
    }
  }

  private static void minVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.min(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      o[oo + i] = Math.min(x, y);
    }
  }

  /** {@code o[oo + i] = a[ao + i] op s} for {@code i < n}. */
  static void vs(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> addVS(a, ao, s, o, oo, n);
      case SUB -> subVS(a, ao, s, o, oo, n);
      case MUL -> mulVS(a, ao, s, o, oo, n);
      case DIV -> divVS(a, ao, s, o, oo, n);
      case MAX -> maxVS(a, ao, s, o, oo, n);
      case MIN -> minVS(a, ao, s, o, oo, n);
      default -> throw new IllegalArgumentException("unknown binary op " + op);
    }
  }

  private static void addVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.add(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = x + y;
    }
  }

  private static void subVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.sub(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = x - y;
    }
  }

  private static void mulVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.mul(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = x * y;
    }
  }

  private static void divVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.div(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = x / y;
    }
  }

  private static void maxVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.max(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = Math.max(x, y);
    }
  }

  private static void minVS(float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector vb = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector va = FloatVector.fromArray(S, a, ao + i);
      va.min(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      float y = s;
      o[oo + i] = Math.min(x, y);
    }
  }

  /** {@code o[oo + i] = s op b[bo + i]} for {@code i < n}. */
  static void sv(BinaryOp op, float s, float[] b, int bo, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> addSV(s, b, bo, o, oo, n);
      case SUB -> subSV(s, b, bo, o, oo, n);
      case MUL -> mulSV(s, b, bo, o, oo, n);
      case DIV -> divSV(s, b, bo, o, oo, n);
      case MAX -> maxSV(s, b, bo, o, oo, n);
      case MIN -> minSV(s, b, bo, o, oo, n);
      default -> throw new IllegalArgumentException("unknown binary op " + op);
    }
  }

  private static void addSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.add(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = x + y;
    }
  }

  private static void subSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.sub(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = x - y;
    }
  }

  private static void mulSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.mul(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = x * y;
    }
  }

  private static void divSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.div(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = x / y;
    }
  }

  private static void maxSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.max(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = Math.max(x, y);
    }
  }

  private static void minSV(float s, float[] b, int bo, float[] o, int oo, int n) {
    FloatVector va = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector vb = FloatVector.fromArray(S, b, bo + i);
      va.min(vb).intoArray(o, oo + i);
    }
    for (; i < n; i++) {
      float x = s;
      float y = b[bo + i];
      o[oo + i] = Math.min(x, y);
    }
  }
}
