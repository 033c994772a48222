package tsa.coach.invitation.service;

import tsa.runtime.problem.ProblemException;

/** 429: the coach caused as many invitation mails as one window allows; {@code Retry-After} says when to retry. */
public class InvitationMailLimitReached extends ProblemException {

    private final long retryAfterSeconds;

    public InvitationMailLimitReached(int count, long retryAfterSeconds) {
        super(
                429,
                "too-many-requests",
                "Too many requests",
                "you can send at most " + count + " parent invitation mails in this period; try again in "
                        + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
