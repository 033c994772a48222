package tsa.runtime.limit;

/** A caller used up a limit: 429 with {@code Retry-After} (tsa.runtime.problem.ProblemMappers, or a standard's format). */
public class RateLimitExceeded extends RuntimeException {

    private final String limit;
    private final long retryAfterSeconds;

    public RateLimitExceeded(String limit, long retryAfterSeconds) {
        super("rate limit " + limit + " used up; retry after " + retryAfterSeconds + " s");
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String limit() {
        return limit;
    }

    /** Whole seconds until the caller's window ends (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String detail() {
        return "too many requests of this kind; try again in " + retryAfterSeconds + " s";
    }
}
