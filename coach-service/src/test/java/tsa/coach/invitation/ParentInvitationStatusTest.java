package tsa.coach.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tsa.coach.invitation.service.ParentInvitationStatus;

/** The parent invitation's state machine, as issue 15 draws it. */
class ParentInvitationStatusTest {

    @Test
    void theStatusValuesAreTheSeedsPlusCancelled() {
        assertThat(EnumSet.allOf(ParentInvitationStatus.class)).extracting(ParentInvitationStatus::value)
                .containsExactly("sent", "opened", "accepted", "expired", "cancelled");
        assertThat(ParentInvitationStatus.of("opened")).contains(ParentInvitationStatus.OPENED);
        assertThat(ParentInvitationStatus.of("lost")).isEmpty();
    }

    @Test
    void everyTransitionIsOneTheIssueAllows() {
        Set<String> allowed = Set.of("sent>opened", "sent>accepted", "sent>expired", "sent>cancelled", "sent>sent",
                "opened>accepted", "opened>expired", "opened>cancelled", "opened>opened", "expired>sent");
        for (ParentInvitationStatus from : ParentInvitationStatus.values()) {
            for (ParentInvitationStatus to : ParentInvitationStatus.values()) {
                assertThat(from.canBecome(to)).as(from + " -> " + to)
                        .isEqualTo(allowed.contains(from.value() + ">" + to.value()));
            }
        }
    }

    @Test
    void onlySentAndOpenedAreOpen() {
        for (ParentInvitationStatus status : ParentInvitationStatus.values()) {
            boolean open = status == ParentInvitationStatus.SENT || status == ParentInvitationStatus.OPENED;
            assertThat(status.isOpen()).as(status.value()).isEqualTo(open);
            assertThat(status.canBeAccepted()).isEqualTo(open);
            assertThat(status.canBeCancelled()).isEqualTo(open);
            assertThat(status.expires()).isEqualTo(open);
            assertThat(status.canBeResent()).isEqualTo(open || status == ParentInvitationStatus.EXPIRED);
        }
        assertThat(ParentInvitationStatus.SENT.canBeOpened()).isTrue();
        assertThat(ParentInvitationStatus.OPENED.canBeOpened()).isFalse();
    }
}
