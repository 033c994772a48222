package tsa.sync.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/** Turns what a generated REST client throws into this service's exceptions. */
final class RemoteErrors {

    private RemoteErrors() {
    }

    static RemoteServiceException translate(String service, RuntimeException e) {
        if (e instanceof RemoteServiceException known) {
            return known;
        }
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new RemoteRejectionException(service, status, problemDetail(web));
            }
            return new RemoteServiceException(service, "answered " + status);
        }
        if (e instanceof ProcessingException) {
            return new RemoteServiceException(service, "could not be reached (" + rootMessage(e) + ")");
        }
        return new RemoteServiceException(service, "call failed (" + rootMessage(e) + ")");
    }

    static boolean isNotFound(RuntimeException e) {
        return e instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == 404;
    }

    private static String problemDetail(WebApplicationException web) {
        try {
            web.getResponse().bufferEntity();
            String body = web.getResponse().readEntity(String.class);
            return body == null ? null : body.length() > 300 ? body.substring(0, 300) : body;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
