package tsa.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.admin.invitation.service.CoachInvitationStatus;
import tsa.runtime.problem.ProblemException;

/** The coach invitation's state machine, every pair of statuses: allowed, or refused with 409. */
class CoachInvitationStatusTest {

    /** Resend is {@code sent>sent} and {@code expired>sent}; accepted and cancelled are final. */
    private static final Set<String> ALLOWED =
            Set.of("sent>accepted", "sent>expired", "sent>cancelled", "sent>sent", "expired>sent", "expired>cancelled");

    @Test
    void theStatusValuesAreTheSeeds() {
        assertThat(EnumSet.allOf(CoachInvitationStatus.class))
                .extracting(CoachInvitationStatus::value)
                .containsExactly("sent", "accepted", "expired", "cancelled");
        assertThat(CoachInvitationStatus.of("expired")).contains(CoachInvitationStatus.EXPIRED);
        assertThat(CoachInvitationStatus.of("opened")).isEmpty();
    }

    @Test
    void everyPairIsAllowedOrRefusedWith409() {
        for (CoachInvitationStatus from : CoachInvitationStatus.values()) {
            for (CoachInvitationStatus to : CoachInvitationStatus.values()) {
                String pair = from.value() + ">" + to.value();
                assertThat(from.canBecome(to)).as(pair).isEqualTo(ALLOWED.contains(pair));
                if (ALLOWED.contains(pair)) {
                    assertThat(from.moveTo(to, "coach invitation")).as(pair).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.moveTo(to, "coach invitation"))
                            .as(pair)
                            .isInstanceOfSatisfying(
                                    ProblemException.class,
                                    e -> assertThat(e.status()).isEqualTo(409))
                            .hasMessageContaining(from.value())
                            .hasMessageContaining(to.value());
                }
            }
        }
    }

    @Test
    void onlySentIsOpen() {
        for (CoachInvitationStatus status : CoachInvitationStatus.values()) {
            assertThat(status.isOpen()).as(status.value()).isEqualTo(status == CoachInvitationStatus.SENT);
        }
    }
}
