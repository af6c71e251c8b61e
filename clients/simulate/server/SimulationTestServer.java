import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Temporal's time-skipping test server (the jars infra/ installed) with its clock starting at a given
 * instant, so a simulated contract runs on its own calendar (signing day, Chinese working days of that
 * year). The stock launcher always starts at the wall clock, which cannot be moved backwards.
 *
 * Usage: java -cp "<test-server libs>/*:<dir of this class>" SimulationTestServer <startEpochMillis>
 * Binds 127.0.0.1 on a free port and prints "listening <port>"; exits when stdin closes (the parent
 * process ended or let go), so no server outlives its simulation.
 */
public final class SimulationTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SimulationTestServer <startEpochMillis>");
      System.exit(2);
    }
    long startMillis = Long.parseLong(args[0]);
    // Time skipping starts locked, like the stock server: it advances only when the client sleeps.
    TestServicesStarter services = new TestServicesStarter(true, startMillis);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    System.out.println("listening " + server.getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // Nothing is sent on stdin; it only tells us the parent is alive.
    }
    server.shutdownNow();
    services.close();
    System.exit(0);
  }
}
