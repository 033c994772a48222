package tsa.parent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import tsa.testsupport.MovableClock;

/** In tests the application reads the clock that tests move by hand (it replaces the default system clock). */
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MovableClock.INSTANCE;
    }
}
