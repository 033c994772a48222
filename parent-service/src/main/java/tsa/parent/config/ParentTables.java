package tsa.parent.config;

import static tsa.runtime.dynamo.KeyAttribute.string;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import tsa.parent.appointment.store.Appointment;
import tsa.parent.document.store.ParentDocument;
import tsa.parent.enrollment.store.Enrollment;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableSpec;

/** The tables parent-service owns (seed, "Parent Portal Tables"). */
@ApplicationScoped
public class ParentTables implements OwnedTables {

    /** tsa-parent-enrollmentsdev: a parent's enrollments. */
    public static final String PARENT_ENROLLMENTS_INDEX = "parent-enrollments-index";
    /** tsa-parent-enrollmentsdev: the enrollments assigned to a coach. */
    public static final String COACH_ENROLLMENTS_INDEX = "coach-enrollments-index";
    /**
     * tsa-parent-enrollmentsdev, beyond the seed (architecture.md allows it by issue): enrollments of one
     * {@code enrollment_status}, ordered by {@code created_at}, for sync-service's reconciliation.
     */
    public static final String STATUS_INDEX = "status-index";
    /** tsa-parent-documentsdev: the documents of an enrollment. */
    public static final String ENROLLMENT_DOCUMENTS_INDEX = "enrollment-documents-index";
    /** tsa-parent-documentsdev: a parent's documents. */
    public static final String PARENT_DOCUMENTS_INDEX = "parent-documents-index";
    /** tsa-parent-schedulingdev: a coach's appointments, ordered by {@code scheduled_date}. */
    public static final String COACH_SCHEDULE_INDEX = "coach-schedule-index";
    /** tsa-parent-schedulingdev: a parent's appointments. */
    public static final String PARENT_APPOINTMENTS_INDEX = "parent-appointments-index";

    private final TableSpec enrollments;
    private final TableSpec documents;
    private final TableSpec scheduling;

    @Inject
    public ParentTables(TableNames names) {
        enrollments = TableSpec.table(names.enrollments(), string(Enrollment.ENROLLMENT_ID))
                .index(PARENT_ENROLLMENTS_INDEX, string(Enrollment.PARENT_EMAIL))
                .index(COACH_ENROLLMENTS_INDEX, string(Enrollment.COACH_ID))
                .index(STATUS_INDEX, string(Enrollment.ENROLLMENT_STATUS), string(Enrollment.CREATED_AT));
        documents = TableSpec.table(names.documents(), string(ParentDocument.DOCUMENT_ID))
                .index(ENROLLMENT_DOCUMENTS_INDEX, string(ParentDocument.ENROLLMENT_ID))
                .index(PARENT_DOCUMENTS_INDEX, string(ParentDocument.PARENT_EMAIL));
        scheduling = TableSpec.table(names.scheduling(), string(Appointment.APPOINTMENT_ID))
                .index(COACH_SCHEDULE_INDEX, string(Appointment.COACH_ID), string(Appointment.SCHEDULED_DATE))
                .index(PARENT_APPOINTMENTS_INDEX, string(Appointment.PARENT_EMAIL));
    }

    /** {@code ENROLLMENTS_TABLE}: hash {@code enrollment_id}. */
    public TableSpec enrollments() {
        return enrollments;
    }

    /** {@code DOCUMENTS_TABLE}: hash {@code document_id}. */
    public TableSpec documents() {
        return documents;
    }

    /** {@code SCHEDULING_TABLE}: hash {@code appointment_id}. */
    public TableSpec scheduling() {
        return scheduling;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(enrollments, documents, scheduling);
    }
}
