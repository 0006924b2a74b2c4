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
import org.iolab.apps.http.Router;
import org.iolab.apps.http.Status;

/**
 * The live lab's routes: {@code /} (the page), {@code /lab.js}, the chart library,
 * {@code /history} (every event so far, for a page that opens late), {@code /events} (each new
 * one, server-sent) and {@code /report/NAME}: a file of the output folder (the report, its
 * charts, results.json and .csv), by plain name only.
 *
 * <p>Thread rule: shared by the page server's connections; immutable but for the feed.
 */
final class LabRoutes {

    private static final String REPORT = "/report/";
    /** A file of the output folder: a plain name, no folder and no dot first. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");
    private static final Map<String, String> TYPES = Map.of("html", Assets.HTML, "svg", "image/svg+xml",
            "png", "image/png", "json", Assets.JSON, "csv", "text/csv; charset=utf-8");

    private LabRoutes() {
    }

    /** The live lab's routes on {@code feed}, its report files from {@code out}. */
    static Router router(EventFeed<Object> feed, Path out) {
        Assets assets = new Assets("/org/iolab/bench/live/lab.html", "/lab.js", "/org/iolab/bench/live/lab.js");
        return assets.addTo(new Router())
                .get("/history", (req, reply) -> reply.contentType(Assets.JSON).send(LiveLab.json(feed.history())))
                .get("/events", (req, reply) -> EventStream.open(feed, reply, LiveLab::json))
                .get(REPORT + "{name}", (req, reply) -> file(out, req.pathParam("name"), reply));
    }

    /** Serves {@code /report/NAME} from the output folder; 404 when there is no such file. */
    private static void file(Path out, String name, HttpReply reply) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        Path file = out.resolve(name);
        if (!FILE_NAME.matcher(name).matches() || type == null || !file.getParent().equals(out)
                || !Files.isRegularFile(file)) {
            reply.status(Status.NOT_FOUND).contentType("text/plain").send("Not Found\n");
            return;
        }
        try {
            reply.contentType(type).send(Files.readAllBytes(file));
        } catch (IOException e) {
            reply.status(Status.NOT_FOUND).contentType("text/plain").send("Not Found\n"); // written over meanwhile
        }
    }
}
