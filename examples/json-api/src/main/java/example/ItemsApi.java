package example;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.JsonMapper;
import org.iolab.apps.http.RouteOptions;
import org.iolab.apps.http.Router;
import org.iolab.apps.http.Status;

/**
 * A small JSON API written the cookbook's way (docs/library.md shows its parts): items kept in
 * memory, listed and filtered by a query parameter, read by a path parameter, created from a
 * JSON body; an upload of any size streamed through a digest; a report answered later from
 * another thread; an audit on a route declared blocking.
 */
public final class ItemsApi {

    /** An item as it goes over the wire. */
    public record Item(String id, String name, List<String> tags) {
    }

    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    /** The API's routes, JSON through {@code json}. */
    public Router router(JsonMapper json) {
        return new Router()
                .jsonMapper(json)
                .get("/items", this::list)
                .get("/items/{id}", this::one)
                .post("/items", this::create)
                .streamed("PUT", "/uploads/{name}", RouteOptions.unlimitedBody(), this::upload)
                .get("/report", this::report)
                .route("GET", "/audit", this::audit, RouteOptions.BLOCKING);
    }

    // region query
    /** {@code GET /items?tag=blue}: the items, those with the tag when one is asked. */
    private void list(HttpRequest request, HttpReply reply) throws Exception {
        String tag = request.queryParam("tag"); // decoded; null when absent
        List<Item> found = items.values().stream()
                .filter(i -> tag == null || i.tags().contains(tag))
                .sorted(java.util.Comparator.comparing(Item::id))
                .toList();
        reply.json(found);
    }
    // end query

    // region path
    /** {@code GET /items/7}: one item, or 404. */
    private void one(HttpRequest request, HttpReply reply) throws Exception {
        Item item = items.get(request.pathParam("id")); // the {id} of the route's path, decoded
        if (item == null) {
            reply.status(Status.NOT_FOUND).json(Map.of("error", "no item " + request.pathParam("id")));
        } else {
            reply.json(item);
        }
    }
    // end path

    // region json
    /** {@code POST /items} with a JSON item: 201, its address in Location, the item made. */
    private void create(HttpRequest request, HttpReply reply) throws Exception {
        Item sent;
        try {
            sent = request.bodyJson(Item.class); // the router's mapper reads the body
        } catch (Exception unreadable) {
            reply.status(Status.BAD_REQUEST).json(Map.of("error", "the body is not an item"));
            return;
        }
        String id = Long.toString(ids.incrementAndGet());
        Item made = new Item(id, sent.name(), sent.tags() == null ? List.of() : sent.tags());
        items.put(id, made);
        reply.status(Status.CREATED)
                .header("Location", "/items/" + id) // checked: a value with CR or LF is refused here
                .json(made);
    }
    // end json

    // region streamed
    /** {@code PUT /uploads/NAME}: a body of any size, digested as it arrives, never held whole. */
    private BodyHandler.Sink upload(HttpRequest head, HttpReply reply) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String name = head.pathParam("name");
        return new BodyHandler.Sink() {
            private long bytes;

            @Override
            public void data(ByteBuffer chunk) { // valid during the call only
                bytes += chunk.remaining();
                sha.update(chunk);
            }

            @Override
            public void end() throws Exception {
                reply.json(Map.of("name", name, "bytes", bytes, "sha256", HexFormat.of().formatHex(sha.digest())));
            }
        };
    }
    // end streamed

    // region later
    /** {@code GET /report}: made on another thread; the connection serves other requests meanwhile. */
    private void report(HttpRequest request, HttpReply reply) {
        HttpReply later = reply.later(); // say so before returning: the reply may then be answered from any thread
        workers.submit(() -> {
            try {
                Thread.sleep(50); // stands for work that blocks: a database, another service
                later.json(Map.of("items", items.size()));
            } catch (Exception e) {
                later.fail(e); // 500, and the failure logged
            }
        });
    }
    // end later

    // region blocking
    /**
     * {@code GET /audit}, declared {@code RouteOptions.BLOCKING}: it runs on the server's workers
     * (virtual threads), so it may wait; the connection's event loop serves others meanwhile.
     */
    private void audit(HttpRequest request, HttpReply reply) throws Exception {
        Thread.sleep(50); // stands for a blocking call: JDBC, a file, another service
        reply.json(Map.of("audited", items.size(), "by", request.header("user-agent") != null));
    }
    // end blocking
}
