package tsa.coach.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.coach.invitation.service.ParentInvitationStatus;
import tsa.runtime.problem.ProblemException;

/** The parent invitation's state machine, as issue 15 draws it: every pair allowed, or refused with 409. */
class ParentInvitationStatusTest {

    private static final Set<String> ALLOWED = Set.of(
            "sent>opened",
            "sent>accepted",
            "sent>expired",
            "sent>cancelled",
            "sent>sent",
            "opened>accepted",
            "opened>expired",
            "opened>cancelled",
            "opened>opened",
            "expired>sent");

    @Test
    void theStatusValuesAreTheSeedsPlusCancelled() {
        assertThat(EnumSet.allOf(ParentInvitationStatus.class))
                .extracting(ParentInvitationStatus::value)
                .containsExactly("sent", "opened", "accepted", "expired", "cancelled");
        assertThat(ParentInvitationStatus.of("opened")).contains(ParentInvitationStatus.OPENED);
        assertThat(ParentInvitationStatus.of("lost")).isEmpty();
    }

    @Test
    void everyPairIsAllowedOrRefusedWith409() {
        for (ParentInvitationStatus from : ParentInvitationStatus.values()) {
            for (ParentInvitationStatus to : ParentInvitationStatus.values()) {
                String pair = from.value() + ">" + to.value();
                assertThat(from.canBecome(to)).as(pair).isEqualTo(ALLOWED.contains(pair));
                if (ALLOWED.contains(pair)) {
                    assertThat(from.moveTo(to, "parent invitation")).as(pair).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.moveTo(to, "parent invitation"))
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
    void onlySentAndOpenedAreOpen() {
        for (ParentInvitationStatus status : ParentInvitationStatus.values()) {
            boolean open = status == ParentInvitationStatus.SENT || status == ParentInvitationStatus.OPENED;
            assertThat(status.isOpen()).as(status.value()).isEqualTo(open);
        }
    }
}
