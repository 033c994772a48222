package tsa.parent.appointment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How coaches' time is divided and read ({@code tsa.scheduling.*}). */
@ConfigMapping(prefix = "tsa.scheduling")
public interface SchedulingSettings {

    /**
     * The unit a coach's day is divided into, in minutes (a divisor of a day). An appointment holds every unit it
     * touches (its times rounded outward), so two appointments clash exactly when they share a unit.
     */
    @WithDefault("15")
    int slotMinutes();

    /** The time zone of the academy, in which appointments' dates and times are local (past or future). */
    @WithDefault("America/Chicago")
    String zone();
}
