package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated protocol input (bounded count and time, fixed seed): each hostile connection
 * may be refused or closed, but the gateway keeps serving everyone else.
 */
class ProtocolFuzzTest {
    static final long SEED = 0xD5C1L;
    static final int CASES = Integer.getInteger("dsqlkit.fuzz.cases", 150);
    static final long BUDGET_MILLIS = Long.getLong("dsqlkit.fuzz.millis", 15_000L);
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static byte[] encode(FrontendMessage... ms) {
        ByteBuf b = Unpooled.buffer();
        for (FrontendMessage m : ms) m.encode(b);
        return ByteBufUtil.getBytes(b);
    }

    static byte[] startup() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "admin");
        p.put("database", "postgres");
        return encode(new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, p));
    }

    static List<byte[]> corpus() {
        List<byte[]> c = new ArrayList<>();
        c.add(encode(new FrontendMessage.Query("SELECT 1; CREATE TABLE fz (id int PRIMARY KEY); INSERT INTO fz VALUES (1)")));
        c.add(encode(new FrontendMessage.Parse("", "SELECT $1::int", List.of(23)),
                new FrontendMessage.Bind("", "", List.of(0), List.of(io.dsqlkit.local.gateway.protocol.Bytes.utf8("7")), List.of()),
                new FrontendMessage.Describe('P', ""), new FrontendMessage.Execute("", 0), FrontendMessage.Sync.INSTANCE));
        c.add(encode(new FrontendMessage.Query("BEGIN"), new FrontendMessage.Query("TRUNCATE x"), new FrontendMessage.Query("COMMIT")));
        c.add(encode(new FrontendMessage.Parse("s", "COMMIT", List.of()), new FrontendMessage.Bind("p", "s", List.of(), List.of(), List.of()),
                new FrontendMessage.Execute("p", 1), FrontendMessage.Flush.INSTANCE, FrontendMessage.Sync.INSTANCE));
        c.add(encode(new FrontendMessage.Close('S', "nope"), new FrontendMessage.CopyData(io.dsqlkit.local.gateway.protocol.Bytes.utf8("1\n")),
                FrontendMessage.CopyDone.INSTANCE, FrontendMessage.Sync.INSTANCE));
        return c;
    }

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 1 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 2 -> { // a length field goes wild
                    if (b.length < 5) break;
                    int at = Math.min(b.length - 4, 1 + r.nextInt(Math.max(1, b.length - 4)));
                    int v = r.nextBoolean() ? r.nextInt() : r.nextInt(64);
                    b[at] = (byte) (v >>> 24);
                    b[at + 1] = (byte) (v >>> 16);
                    b[at + 2] = (byte) (v >>> 8);
                    b[at + 3] = (byte) v;
                }
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, r.nextInt(b.length + 1)));
            }
        }
        return b;
    }

    /** Sends {@code bytes} and reads whatever comes back until close or a short quiet period. */
    static void hostile(byte[] prefix, byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", local.port())) {
            s.setSoTimeout(150);
            InputStream in = s.getInputStream();
            s.getOutputStream().write(prefix);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long until = System.currentTimeMillis() + 1500;
            while (System.currentTimeMillis() < until) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) break;
                sink.write(buf, 0, Math.min(n, 1024));
            }
        } catch (IOException e) {
            // refused or reset: acceptable for hostile input
        }
    }

    @Test
    void hostileInputNeverTakesTheGatewayDown() throws Exception {
        Random r = new Random(SEED);
        List<byte[]> corpus = corpus();
        long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
        try (Connection bystander = local.connect(); Statement s = bystander.createStatement()) {
            s.execute("CREATE TABLE fuzz_bystander (id int PRIMARY KEY)");
            int done = 0;
            for (int i = 0; i < CASES && System.currentTimeMillis() < deadline; i++, done++) {
                switch (r.nextInt(4)) {
                    case 0 -> { // random bytes before or after a valid startup
                        byte[] junk = new byte[r.nextInt(200)];
                        r.nextBytes(junk);
                        hostile(r.nextBoolean() ? startup() : new byte[0], junk);
                    }
                    case 1 -> hostile(new byte[0], mutate(startup(), r)); // mutated startup packet
                    default -> hostile(startup(), mutate(corpus.get(r.nextInt(corpus.size())), r)); // mutated session
                }
                if (i % 25 == 0) {
                    s.execute("INSERT INTO fuzz_bystander VALUES (" + i + ")");
                }
            }
            assertThat(done).isGreaterThan(20);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM fuzz_bystander")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThan(0);
            }
        }
        try (Connection fresh = local.connect(); Statement s = fresh.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
