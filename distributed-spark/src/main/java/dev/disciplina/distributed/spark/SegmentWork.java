package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.CheckpointListener;
import dev.disciplina.trainer.CheckpointPolicy;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.ParamLayout;
import dev.disciplina.trainer.Sharding;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.broadcast.Broadcast;

/**
 * One segment of a distributed run, as every barrier task runs it: build the model, meet the
 * other ranks once (host, port and layout hash through the stage's one {@code allGather}),
 * connect the mesh, then run the unchanged {@link Trainer} on this rank's shard of every global
 * batch, up to the segment's last epoch — from the start, or resumed from the previous segment's
 * checkpoint. Rank 0 writes a checkpoint after every epoch and returns the last one with the
 * history and weights. Serialized to the tasks by Spark; holds no state between runs.
 */
final class SegmentWork implements BarrierWork<SegmentResult> {

  private static final long serialVersionUID = 1L;

  private final TrainingJob job;
  private final Broadcast<DatasetWire> train;
  private final Broadcast<DatasetWire> validation;
  private final LinkedHashMap<String, byte[]> resumeFrom;
  private final int segment;
  private final int lastEpoch;
  private final int timeoutMillis;

  SegmentWork(TrainingJob job, Broadcast<DatasetWire> train, Broadcast<DatasetWire> validation,
      LinkedHashMap<String, byte[]> resumeFrom, int segment, int lastEpoch, int timeoutMillis) {
    this.job = job;
    this.train = train;
    this.validation = validation;
    this.resumeFrom = resumeFrom;
    this.segment = segment;
    this.lastEpoch = lastEpoch;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public SegmentResult run(BarrierContext context) throws IOException {
    int rank = context.rank();
    int size = context.size();
    Backend backend = Backends.named(job.backend());
    TrainingConfig config = job.config().toBuilder().epochs(lastEpoch)
        .sharding(Sharding.rank(rank, size)).build();
    long hash = layoutHash(backend, config.seed());
    try (MeshCollective.Listener listener = MeshCollective.listen("0.0.0.0")) {
      PeerAddress me = new PeerAddress(rank, context.host(), listener.port(), hash);
      List<PeerAddress> peers = peers(context.allGather(me.encode()), rank, hash);
      try (MeshCollective mesh = listener.join(rank, peers, hash, timeoutMillis)) {
        return train(context, backend, config, mesh);
      }
    }
  }

  private long layoutHash(Backend backend, long seed) {
    try (Scope scope = Scope.open(backend)) {
      Module model = job.experiment().model(Rng.seeded(seed).split("model"));
      return ParamLayout.of(model.namedParameters()).hash();
    }
  }

  /** The exchanged addresses by rank; a rank with another layout aborts the segment. */
  private static List<PeerAddress> peers(String[] messages, int rank, long hash) {
    PeerAddress[] byRank = new PeerAddress[messages.length];
    for (String m : messages) {
      PeerAddress a = PeerAddress.decode(m);
      if (a.layoutHash() != hash) {
        throw new CollectiveException("rank " + rank + " has parameter layout "
            + Long.toHexString(hash) + " but rank " + a.rank() + " has "
            + Long.toHexString(a.layoutHash())
            + ": the workers built different models; every worker must build the same model");
      }
      byRank[a.rank()] = a;
    }
    return Arrays.asList(byRank);
  }

  private SegmentResult train(BarrierContext context, Backend backend, TrainingConfig config,
      MeshCollective mesh) throws IOException {
    Path work = Files.createTempDirectory("disciplina-segment-" + segment + "-rank"
        + context.rank() + "-");
    try {
      Dataset trainData = train.value().toDataset();
      Dataset validationData = validation.value().toDataset();
      List<TrainingListener> listeners = new ArrayList<>();
      FinalWeights weights = new FinalWeights();
      CheckpointListener checkpoints = new CheckpointListener(
          new CheckpointPolicy(work.resolve("out"), 0, 1), Map.of("segment", "" + segment));
      if (context.rank() == 0) {
        listeners.add(checkpoints);
        listeners.add(weights);
      }
      Trainer trainer = job.customize(new Trainer(config, backend, listeners)
              .withShardReducer(new CollectiveReducer(mesh)),
          new WorkerInfo(context.rank(), context.size(), segment, context.stageAttempt()));
      History history;
      if (resumeFrom == null) {
        history = trainer.fit(job.experiment(), trainData, validationData);
      } else {
        Path in = work.resolve("in");
        Files.createDirectories(in);
        for (Map.Entry<String, byte[]> f : resumeFrom.entrySet()) {
          Files.write(in.resolve(f.getKey()), f.getValue());
        }
        history = trainer.resume(in, job.experiment(), trainData, validationData);
      }
      if (context.rank() != 0) {
        return null;
      }
      return new SegmentResult(HistoryWire.of(history), weights.state,
          checkpoints.last().isPresent() ? files(checkpoints.last().get()) : null);
    } finally {
      deleteTree(work);
    }
  }

  private static LinkedHashMap<String, byte[]> files(Path dir) throws IOException {
    LinkedHashMap<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Keeps the model's weights when the run ends. */
  private static final class FinalWeights implements TrainingListener {
    private LinkedHashMap<String, float[]> state;

    @Override
    public void onTrainEnd(TrainingContext context, History history) {
      state = new LinkedHashMap<>(context.model().stateDict());
    }
  }
}
