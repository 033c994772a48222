package tsa.coach.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.ProfileStatus;

/** The profile status table (seed): any status may follow any other, itself included; none is refused. */
class ProfileStatusTableTest {

    @Test
    void theStatusValuesAreTheSeeds() {
        assertThat(EnumSet.allOf(ProfileStatus.class))
                .extracting(ProfileStatus::value)
                .containsExactly("active", "inactive", "pending");
        assertThat(String.join(
                        ", ",
                        EnumSet.allOf(ProfileStatus.class).stream()
                                .map(ProfileStatus::value)
                                .toList()))
                .isEqualTo(ProfileStatus.VALUES);
    }

    @Test
    void everyPairIsAllowed() {
        for (ProfileStatus from : ProfileStatus.values()) {
            for (ProfileStatus to : ProfileStatus.values()) {
                assertThat(from.canBecome(to))
                        .as(from.value() + ">" + to.value())
                        .isTrue();
                assertThat(from.moveTo(to, "profile")).isEqualTo(to);
            }
        }
    }
}
