package tsa.sync.oneroster.rest;

import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;

/** The {@code Link} header of a collection page (first, prev, next, last), keeping the request's other parameters. */
final class PageLinks {

    private PageLinks() {}

    static String of(UriBuilder request, int offset, int limit, long total) {
        List<String> links = new ArrayList<>();
        long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        links.add(link(request, 0, limit, "first"));
        if (offset > 0) {
            links.add(link(request, Math.max(0, offset - limit), limit, "prev"));
        }
        if (offset + (long) limit < total) {
            links.add(link(request, offset + (long) limit, limit, "next"));
        }
        links.add(link(request, last, limit, "last"));
        return String.join(", ", links);
    }

    private static String link(UriBuilder request, long offset, int limit, String rel) {
        String target = request.clone()
                .replaceQueryParam("offset", offset)
                .replaceQueryParam("limit", limit)
                .build()
                .toString();
        return "<" + target + ">; rel=\"" + rel + "\"";
    }
}
