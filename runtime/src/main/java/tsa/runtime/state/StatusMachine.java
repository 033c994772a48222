package tsa.runtime.state;

import java.util.Set;
import tsa.runtime.problem.ProblemException;

/**
 * A status enum that is its own transition table: {@link #next()} names every status it may become, and services
 * ask {@link #moveTo} before they write, so the table is the one place a transition is allowed or refused.
 *
 * @param <S> the enum itself
 */
public interface StatusMachine<S extends Enum<S> & StatusMachine<S>> {

    /** The status as stored and as JSON shows it. */
    String value();

    /** The statuses this one may become (a status may name itself: a change that keeps the status). */
    Set<S> next();

    default boolean canBecome(S target) {
        return next().contains(target);
    }

    /**
     * {@code target}, if this status may become it; otherwise a 409 problem that names both, for
     * {@code what} (e.g. "enrollment").
     */
    default S moveTo(S target, String what) {
        if (!canBecome(target)) {
            throw ProblemException.conflict("a " + what + " that is " + value() + " cannot become " + target.value());
        }
        return target;
    }
}
