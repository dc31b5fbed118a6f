// Launches mongo-java-server on a loopback port for Zhiban and exits when its parent does.
// Usage: java -cp <classpath> ZhibanEngine.java <port|0> <memory|h2:FILE>
// Prints "ZHIBAN-ENGINE-LISTENING <port>" once bound; exits when stdin closes.
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;

public class ZhibanEngine {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String store = args[1];
    MongoBackend backend = store.startsWith("h2:") ? new H2Backend(store.substring(3)) : new MemoryBackend();
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
}
