// Launches mongo-java-server on a loopback port for Zhiban and exits when its parent does.
// Usage: java -cp <classpath> ZhibanEngine.java <port|0> <memory|h2:FILE> [commit-on-timer]
// Prints "ZHIBAN-ENGINE-LISTENING <port>" once bound; exits when stdin closes.
//
// With h2:FILE every command that changed data is committed to the file before its answer is
// sent: a write the engine acknowledged is in the operating system's hands, so a killed process
// (ours, the engine's, or both) loses none of it. H2's MVStore alone commits on a timer (about
// once a second), which would let a SIGKILL lose the last acknowledged writes. The commit is not
// an fsync: a power cut can still lose what the OS had not yet written out (see README).
// "commit-on-timer" keeps MVStore's timer only; the benchmark uses it to measure what the
// per-write commit costs.
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;

public class ZhibanEngine {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String store = args[1];
    boolean onTimer = args.length > 2 && args[2].equals("commit-on-timer");
    MongoBackend backend;
    if (!store.startsWith("h2:")) backend = new MemoryBackend();
    else if (onTimer) backend = new H2Backend(store.substring(3));
    else backend = new CommittingH2Backend(store.substring(3));
    // mongo-java-server 1.47 reports wire version 8; the Node driver 7 needs 9 (MongoDB 4.4).
    // The version is only used in the handshake; what the engine serves is unchanged.
    backend.version(new MongoVersion() {
      public List<Integer> getVersionArray() { return List.of(4, 4, 0); }
      public int getWireVersion() { return 9; }
    });
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    System.out.println("ZHIBAN-ENGINE-LISTENING " + server.getLocalAddress().getPort());
    System.out.flush();
    // The parent holds our stdin open; when it goes (exit, crash, kill -9), so do we.
    while (System.in.read() != -1) {
      // ignore input
    }
    System.exit(0);
  }

  /**
   * Commits after every command that left changes, before the answer goes back: the wire handler
   * sends the returned document only once these methods return. Every command passes through
   * handleCommand (OP_MSG arrives via handleMessage, which calls it); legacy OP_QUERY through
   * handleQuery. Reads change nothing, so their check costs a scan of the open maps and no commit.
   * Commits of concurrent writers queue on MVStore's store lock, and one commit carries every
   * change made before it began, so a busy engine commits in groups rather than once per write.
   * If the commit fails the command fails too: nothing is acknowledged that is not written.
   */
  static final class CommittingH2Backend extends H2Backend {
    CommittingH2Backend(String file) {
      super(file);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      try {
        return super.handleCommand(channel, database, command, query);
      } finally {
        // Also after an error: an ordered insert that failed halfway acknowledged its first part.
        commitIfChanged();
      }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
      try {
        return super.handleQuery(query);
      } finally {
        commitIfChanged();
      }
    }

    private void commitIfChanged() {
      if (getMvStore().hasUnsavedChanges()) commit();
    }
  }
}
