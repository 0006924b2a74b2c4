package org.iolab.bench.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.iolab.admin.Assets;
import org.iolab.admin.EventFeed;
import org.iolab.admin.EventStream;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;

/**
 * The live lab's routes: {@code /} (the page), {@code /lab.js}, the chart library,
 * {@code /history} (every event so far, for a page that opens late), {@code /events} (each new
 * one, server-sent) and {@code /report/NAME}: a file of the output folder (the report, its
 * charts, results.json and .csv), by plain name only.
 *
 * <p>Thread rule: shared by the page server's connections; immutable but for the feed.
 */
final class LabRoutes implements HttpRoutes {

    private static final byte[] HISTORY = Assets.ascii("/history");
    private static final byte[] EVENTS = Assets.ascii("/events");
    private static final String REPORT = "/report/";
    /** A file of the output folder: a plain name, no folder and no dot first. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");
    private static final Map<String, byte[]> TYPES = Map.of("html", Assets.HTML, "svg", Assets.ascii("image/svg+xml"),
            "png", Assets.ascii("image/png"), "json", Assets.JSON, "csv", Assets.ascii("text/csv; charset=utf-8"));

    private final EventFeed<Object> feed;
    private final Path out;
    private final Assets assets = new Assets("/org/iolab/bench/live/lab.html", "/lab.js", "/org/iolab/bench/live/lab.js");

    LabRoutes(EventFeed<Object> feed, Path out) {
        this.feed = feed;
        this.out = out;
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (assets.answer(r, reply)) {
            return;
        } else if (r.pathIs(HISTORY)) {
            byte[] body = LiveLab.json(feed.history());
            reply.ok(Assets.JSON, body, body.length);
        } else if (r.pathIs(EVENTS)) {
            EventStream.open(feed, reply, LiveLab::json);
        } else if (!file(r.path(), reply)) {
            Assets.notFound(reply);
        }
    }

    /** Serves {@code /report/NAME} from the output folder; false when there is no such file. */
    private boolean file(String path, HttpReply reply) {
        if (!path.startsWith(REPORT)) {
            return false;
        }
        String name = path.substring(REPORT.length());
        int dot = name.lastIndexOf('.');
        byte[] type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        Path file = out.resolve(name);
        if (!FILE_NAME.matcher(name).matches() || type == null || !file.getParent().equals(out)
                || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            byte[] body = Files.readAllBytes(file);
            reply.ok(type, body, body.length);
            return true;
        } catch (IOException e) {
            return false; // written over meanwhile: not found this time
        }
    }
}
