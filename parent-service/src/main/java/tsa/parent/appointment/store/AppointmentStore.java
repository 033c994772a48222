package tsa.parent.appointment.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.parent.config.ParentTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.IndexQuery;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.dynamo.VersionedItems;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;

/**
 * {@code tsa-parent-schedulingdev}: versioned appointments, the coach's schedule by date range and a parent's
 * appointments (GSI reads, never a scan), and the guard items that hold a coach's time slots
 * ({@code guard#coach-slot#<coachId>#<date>#<HH:mm>}, holder = the appointment id).
 */
@ApplicationScoped
public class AppointmentStore {

    static final String SLOT_GUARD = "coach-slot";

    private final DynamoDbClient dynamo;
    private final VersionedItems<Appointment> items;
    private final UniquenessGuard guard;

    @Inject
    public AppointmentStore(DynamoDbClient dynamo, ParentTables tables, DynamoSettings settings, Clock clock) {
        this.dynamo = dynamo;
        this.items = new VersionedItems<>(dynamo, tables.scheduling(), Appointment.SCHEMA, settings);
        this.guard = new UniquenessGuard(dynamo, tables.scheduling().name(), Appointment.APPOINTMENT_ID, clock);
    }

    public Optional<Appointment> find(String appointmentId) {
        return items.find(appointmentId);
    }

    public boolean insert(Appointment appointment) {
        return items.insert(appointment);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<Appointment> change(String appointmentId, UnaryOperator<Appointment> change) {
        return items.change(appointmentId, change);
    }

    /** A coach's appointments dated {@code from}..{@code to} (inclusive ISO dates) through coach-schedule-index. */
    public Page<Appointment> byCoach(String coachId, String from, String to, PageRequest page) {
        return items.page(
                IndexQuery.of(ParentTables.COACH_SCHEDULE_INDEX, coachId).between(from, to), page);
    }

    /**
     * Every appointment of a parent through parent-appointments-index (one family's bookings: a small set; the index
     * has no sort key, so the caller orders them).
     */
    public List<Appointment> allOfParent(String parentEmail) {
        return items.all(IndexQuery.of(ParentTables.PARENT_APPOINTMENTS_INDEX, parentEmail));
    }

    /** The guard key of one slot of a coach's day. */
    public static String slotKey(String coachId, String date, String slotStart) {
        return UniquenessGuard.key(SLOT_GUARD, coachId + "#" + date + "#" + slotStart);
    }

    /**
     * Makes the appointment the holder of the slot unless its current holder keeps it (a conditional write; of two
     * racing claims exactly one wins). {@code holderState} says, for the current holder's id, whether it still
     * occupies this slot.
     */
    public boolean claimSlot(
            String slotKey, String appointmentId, Function<String, UniquenessGuard.HolderState> holderState) {
        return guard.claimFor(slotKey, appointmentId, holderState);
    }

    /** Deletes the slot's guard if the appointment holds it (a conditional delete: another holder's claim stays). */
    public void releaseSlot(String slotKey, String appointmentId) {
        try {
            dynamo.deleteItem(r -> r.tableName(items.tableName())
                    .key(Map.of(Appointment.APPOINTMENT_ID, AttributeValue.fromS(slotKey)))
                    .conditionExpression("#h = :me")
                    .expressionAttributeNames(Map.of("#h", UniquenessGuard.HOLDER))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(appointmentId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Gone already, or someone took it over after we stopped occupying it: nothing of ours is left.
        }
    }

    /** The holder of a slot (a consistent read), or null when nobody holds it. */
    public String slotHolder(String slotKey) {
        return guard.currentHolder(slotKey);
    }
}
